package dev.runway.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.verify.ExpectedOutput;
import java.util.Optional;
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

    @Test
    void lines_out_of_order_are_said_to_be_so_beside_the_numbered_output() {
        String report = MismatchReport.describe(new ExpectedOutput.MatchResult(false, "second", 2),
                Optional.of(new ExpectedOutput.OutOfOrder(1, 1, 2)), "second\nfirst\n");
        assertThat(report).isEqualTo("""
                expected output line 2 ("second") appears at output line 1, before expected line 1 matched at output line 2: the lines are out of order
                expected (line 2) | actual output
                second            | 1  second
                                  | 2  first""");
    }

    @Test
    void numbers_of_out_of_order_lines_count_from_the_start_of_the_output_when_only_its_end_is_shown() {
        StringBuilder actual = new StringBuilder("done\n");
        for (int i = 2; i <= 25; i++) actual.append("line ").append(i).append('\n');
        String report = MismatchReport.describe(new ExpectedOutput.MatchResult(false, "done", 2),
                Optional.of(new ExpectedOutput.OutOfOrder(1, 1, 25)), actual.toString());
        assertThat(report.lines().toList().subList(1, 3)).containsExactly(
                "expected (line 2) | actual output (last 20 lines)",
                "done              |  6  line 6");
        assertThat(report).endsWith("                  | 25  line 25");
    }
}
