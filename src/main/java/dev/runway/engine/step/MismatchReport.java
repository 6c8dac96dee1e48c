package dev.runway.engine.step;

import dev.runway.verify.ExpectedOutput;
import java.util.List;

/**
 * Explains an expected-output mismatch the way a person checks it by eye: the first expected
 * line that was not found, beside the actual output.
 */
final class MismatchReport {

    private static final int SHOWN_LINES = 20;

    private MismatchReport() {}

    static String describe(ExpectedOutput.MatchResult m, String actual) {
        List<String> lines = actual.isBlank() ? List.of("(no output)") : actual.lines().toList();
        if (lines.size() > SHOWN_LINES) {
            lines = lines.subList(lines.size() - SHOWN_LINES, lines.size());
        }
        String missing = m.firstMissing();
        int width = Math.max(16, Math.min(48, missing.length()));
        StringBuilder out = new StringBuilder();
        out.append("expected output line ").append(m.lineNumber()).append(" not found: ").append(missing).append('\n');
        out.append(pad("expected (line " + m.lineNumber() + ")", width)).append(" | actual output\n");
        for (int i = 0; i < lines.size(); i++) {
            String left = i == 0 ? missing : "";
            out.append(pad(left, width)).append(" | ").append(lines.get(i)).append('\n');
        }
        return out.toString().stripTrailing();
    }

    private static String pad(String s, int width) {
        if (s.length() > width) return s.substring(0, width - 1) + "…";
        return s + " ".repeat(width - s.length());
    }
}
