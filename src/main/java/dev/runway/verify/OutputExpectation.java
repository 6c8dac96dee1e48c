package dev.runway.verify;

import dev.runway.runbook.Placeholders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The expected-output matcher (DESIGN.md, "Expected output matching"). Expected lines must each
 * match a whole output line, trimmed, in order, with other lines allowed between. In an
 * expected line a bound {@code {var}} is its value (literally), an unbound {@code {placeholder}}
 * and {@code ...} match any text, a bare {@code N} matches a number, and a run of spaces
 * matches any run of spaces, because tools pad columns ({@code docker ps}) differently on each
 * run.
 *
 * <pre>{@code
 * ExpectedOutput e = OutputExpectation.compile(List.of("Up N seconds"), Map.of(), Map.of());
 * e.match("web  Up 12 seconds\n")  // does not match: the whole line must match
 * }</pre>
 */
public final class OutputExpectation implements ExpectedOutput {
    private static final String NUMBER = "[-+]?\\d+(?:[.,]\\d+)*";

    private record Line(int number, String display, Pattern pattern) {}

    private final List<Line> lines;

    private OutputExpectation(List<Line> lines) {
        this.lines = lines;
    }

    /**
     * @param expected the block's lines as written
     * @param values   bound variable values (matched literally and shown in {@code firstMissing})
     * @param secrets  secret values by name (matched literally, shown as {@code ***})
     */
    public static OutputExpectation compile(List<String> expected, Map<String, String> values, Map<String, String> secrets) {
        List<Line> out = new ArrayList<>();
        for (int n = 0; n < expected.size(); n++) {
            String line = expected.get(n).strip();
            if (!line.isEmpty()) {
                out.add(compileLine(n + 1, line, values, secrets));
            }
        }
        return new OutputExpectation(List.copyOf(out));
    }

    private static Line compileLine(int number, String line, Map<String, String> values, Map<String, String> secrets) {
        StringBuilder regex = new StringBuilder();
        StringBuilder display = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        Matcher var = Placeholders.VARIABLE.matcher(line).useTransparentBounds(true).useAnchoringBounds(false);
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            String piece = null;
            String shown = null;
            int next = i + 1;
            if (c == '{' && var.region(i, line.length()).lookingAt()) {
                String name = var.group(1);
                next = var.end();
                if (values.containsKey(name)) {
                    piece = Pattern.quote(values.get(name));
                    shown = values.get(name);
                } else if (secrets.containsKey(name)) {
                    piece = Pattern.quote(secrets.get(name));
                    shown = "***";
                } else {
                    piece = ".*?";
                    shown = var.group();
                }
            } else if (line.startsWith("...", i)) {
                piece = ".*?";
                shown = "...";
                next = i + 3;
            } else if (c == 'N' && !word(line, i - 1) && !word(line, i + 1)) {
                piece = NUMBER;
                shown = "N";
            } else if (Character.isWhitespace(c)) {
                while (next < line.length() && Character.isWhitespace(line.charAt(next))) {
                    next++;
                }
                piece = "\\s+";
                shown = line.substring(i, next);
            }
            if (piece == null) {
                literal.append(c);
                display.append(c);
            } else {
                flush(regex, literal);
                regex.append(piece);
                display.append(shown);
            }
            i = next;
        }
        flush(regex, literal);
        return new Line(number, display.toString(), Pattern.compile(regex.toString(), Pattern.DOTALL));
    }

    private static boolean word(String s, int k) {
        return k >= 0 && k < s.length() && (Character.isLetterOrDigit(s.charAt(k)) || s.charAt(k) == '_');
    }

    private static void flush(StringBuilder regex, StringBuilder literal) {
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }

    @Override
    public MatchResult match(String output) {
        Scan scan = scan(lines(output));
        if (scan.missing() < 0) return new MatchResult(true, null, 0);
        Line expected = lines.get(scan.missing());
        return new MatchResult(false, expected.display(), expected.number());
    }

    @Override
    public Optional<OutOfOrder> outOfOrder(String output) {
        String[] actual = lines(output);
        Scan scan = scan(actual);
        if (scan.missing() < 1) return Optional.empty();
        // Only before the previous line's match: the line it matched is taken, and after it the search already failed.
        Pattern missing = lines.get(scan.missing()).pattern();
        for (int at = 0; at < scan.previousAt(); at++) {
            if (missing.matcher(actual[at].strip()).matches()) {
                return Optional.of(new OutOfOrder(at + 1, lines.get(scan.missing() - 1).number(), scan.previousAt() + 1));
            }
        }
        return Optional.empty();
    }

    private static String[] lines(String output) {
        return output == null ? new String[0] : output.split("\\R", -1);
    }

    /**
     * @param missing    the index of the first expected line not found, or -1 when all were
     * @param previousAt the 0-based output line the expected line before {@code missing} matched, or -1
     */
    private record Scan(int missing, int previousAt) {}

    private Scan scan(String[] actual) {
        int at = 0;
        int matchedAt = -1;
        for (int n = 0; n < lines.size(); n++) {
            Pattern expected = lines.get(n).pattern();
            boolean found = false;
            while (at < actual.length && !found) {
                found = expected.matcher(actual[at].strip()).matches();
                at++;
            }
            if (!found) return new Scan(n, matchedAt);
            matchedAt = at - 1;
        }
        return new Scan(-1, matchedAt);
    }
}
