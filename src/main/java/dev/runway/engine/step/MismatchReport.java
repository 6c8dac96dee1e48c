package dev.runway.engine.step;

import dev.runway.verify.ExpectedOutput;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Explains an expected-output mismatch the way a person checks it by eye: the first expected
 * line that was not found, beside the actual output. Neither column is ever cut: the left one
 * is as wide as its header or the missing line (up to a limit, beyond which the line wraps),
 * and the actual output is shown as it came. When the missing line did come, only before the line
 * matched for the expected line above it, the message says so and numbers the output lines:
 * beside the output, "not found" would contradict what the person sees.
 */
final class MismatchReport {

    private static final int SHOWN_LINES = 20;
    private static final int MAX_WIDTH = 48;

    private MismatchReport() {}

    static String describe(ExpectedOutput.MatchResult m, String actual) {
        return describe(m, Optional.empty(), actual);
    }

    static String describe(ExpectedOutput.MatchResult m, Optional<ExpectedOutput.OutOfOrder> outOfOrder, String actual) {
        List<String> right = actual.isBlank() ? List.of("(no output)") : actual.lines().toList();
        String actualLabel = "actual output";
        int skipped = 0;
        if (right.size() > SHOWN_LINES) {
            skipped = right.size() - SHOWN_LINES;
            right = right.subList(skipped, right.size());
            actualLabel = "actual output (last " + SHOWN_LINES + " lines)";
        }
        if (outOfOrder.isPresent()) right = numbered(right, skipped);
        String missing = m.firstMissing();
        String expectedLabel = "expected (line " + m.lineNumber() + ")";
        int width = Math.max(expectedLabel.length(), Math.min(MAX_WIDTH, missing.length()));
        List<String> left = wrap(missing, width);
        StringBuilder out = new StringBuilder();
        out.append("expected output line ").append(m.lineNumber());
        outOfOrder.ifPresentOrElse(o -> out.append(" (\"").append(missing).append("\") appears at output line ").append(o.outputLine())
                        .append(", before expected line ").append(o.previousLine()).append(" matched at output line ")
                        .append(o.previousOutputLine()).append(": the lines are out of order"),
                () -> out.append(" not found: ").append(missing));
        out.append('\n');
        out.append(row(expectedLabel, actualLabel, width));
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            out.append(row(i < left.size() ? left.get(i) : "", i < right.size() ? right.get(i) : "", width));
        }
        return out.toString().stripTrailing();
    }

    private static String row(String left, String right, int width) {
        return (left + " ".repeat(width - left.length()) + " | " + right).stripTrailing() + "\n";
    }

    /** The output lines with their 1-based numbers in the whole output, which the message refers to. */
    private static List<String> numbered(List<String> shown, int skipped) {
        int digits = String.valueOf(skipped + shown.size()).length();
        List<String> lines = new ArrayList<>(shown.size());
        for (int i = 0; i < shown.size(); i++) {
            String n = String.valueOf(skipped + i + 1);
            lines.add(" ".repeat(digits - n.length()) + n + "  " + shown.get(i));
        }
        return lines;
    }

    /** The missing line in pieces of at most {@code width} characters, so it is shown whole. */
    private static List<String> wrap(String s, int width) {
        List<String> pieces = new ArrayList<>();
        for (int at = 0; at < s.length(); at += width) pieces.add(s.substring(at, Math.min(s.length(), at + width)));
        if (pieces.isEmpty()) pieces.add("");
        return pieces;
    }
}
