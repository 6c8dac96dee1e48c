package dev.runway.engine.step;

import dev.runway.verify.ExpectedOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * Explains an expected-output mismatch the way a person checks it by eye: the first expected
 * line that was not found, beside the actual output. Neither column is ever cut: the left one
 * is as wide as its header or the missing line (up to a limit, beyond which the line wraps),
 * and the actual output is shown as it came.
 */
final class MismatchReport {

    private static final int SHOWN_LINES = 20;
    private static final int MAX_WIDTH = 48;

    private MismatchReport() {}

    static String describe(ExpectedOutput.MatchResult m, String actual) {
        List<String> right = actual.isBlank() ? List.of("(no output)") : actual.lines().toList();
        String actualLabel = "actual output";
        if (right.size() > SHOWN_LINES) {
            right = right.subList(right.size() - SHOWN_LINES, right.size());
            actualLabel = "actual output (last " + SHOWN_LINES + " lines)";
        }
        String missing = m.firstMissing();
        String expectedLabel = "expected (line " + m.lineNumber() + ")";
        int width = Math.max(expectedLabel.length(), Math.min(MAX_WIDTH, missing.length()));
        List<String> left = wrap(missing, width);
        StringBuilder out = new StringBuilder();
        out.append("expected output line ").append(m.lineNumber()).append(" not found: ").append(missing).append('\n');
        out.append(row(expectedLabel, actualLabel, width));
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            out.append(row(i < left.size() ? left.get(i) : "", i < right.size() ? right.get(i) : "", width));
        }
        return out.toString().stripTrailing();
    }

    private static String row(String left, String right, int width) {
        return (left + " ".repeat(width - left.length()) + " | " + right).stripTrailing() + "\n";
    }

    /** The missing line in pieces of at most {@code width} characters, so it is shown whole. */
    private static List<String> wrap(String s, int width) {
        List<String> pieces = new ArrayList<>();
        for (int at = 0; at < s.length(); at += width) pieces.add(s.substring(at, Math.min(s.length(), at + width)));
        if (pieces.isEmpty()) pieces.add("");
        return pieces;
    }
}
