package dev.runway.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.verify.ExpectedOutput;
import org.junit.jupiter.api.Test;

/** The expected-output mismatch message: both columns whole, whatever the lengths. */
class MismatchReportTest {

    @Test
    void a_short_missing_line_keeps_the_whole_header() {
        String report = MismatchReport.describe(new ExpectedOutput.MatchResult(false, "ok", 12), "started\nfailed\n");
        assertThat(report).isEqualTo("""
                expected output line 12 not found: ok
                expected (line 12) | actual output
                ok                 | started
                                   | failed""");
    }

    @Test
    void a_long_missing_line_is_wrapped_in_its_column_not_cut() {
        String missing = "service payments-api v1.4.0 is listening on port 8080 with TLS";
        String report = MismatchReport.describe(new ExpectedOutput.MatchResult(false, missing, 1), "booting");
        assertThat(report).isEqualTo("""
                expected output line 1 not found: service payments-api v1.4.0 is listening on port 8080 with TLS
                expected (line 1)                                | actual output
                service payments-api v1.4.0 is listening on port | booting
                 8080 with TLS                                   |""");
    }

    @Test
    void long_output_says_that_only_its_last_lines_are_shown() {
        StringBuilder actual = new StringBuilder();
        for (int i = 1; i <= 25; i++) actual.append("line ").append(i).append('\n');
        String report = MismatchReport.describe(new ExpectedOutput.MatchResult(false, "done", 1), actual.toString());
        assertThat(report.lines().toList().subList(0, 4)).containsExactly(
                "expected output line 1 not found: done",
                "expected (line 1) | actual output (last 20 lines)",
                "done              | line 6",
                "                  | line 7");
        assertThat(report).endsWith("                  | line 25");
    }
}
