package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.engine.JournalStore.OutputChunk;
import dev.runway.record.StepAttempt;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttemptLogTest {

    static final Instant T1 = Instant.parse("2026-12-03T15:13:22.480Z");
    static final Instant T2 = Instant.parse("2026-12-03T15:13:25Z");

    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String printed() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void each_attempt_of_a_step_gets_a_header_with_its_number_start_and_outcome() {
        new AttemptLog(out, false).print(
                List.of(new StepAttempt("flaky", 1, T1, "failed: exit 1"), new StepAttempt("flaky", 2, T2, "succeeded: exit 0")),
                List.of(new OutputChunk(1, "flaky", 1, "try 1\n"), new OutputChunk(2, "flaky", 2, "try 2")));

        assertThat(printed()).isEqualTo("""
                ── attempt 1 · started 2026-12-03 15:13:22Z · failed: exit 1 ──
                try 1
                ── attempt 2 · started 2026-12-03 15:13:25Z · succeeded: exit 0 ──
                try 2
                """);
    }

    @Test
    void headers_name_the_step_when_all_steps_are_printed_and_an_attempt_without_output_still_shows() {
        new AttemptLog(out, true).print(
                List.of(new StepAttempt("build", 1, T1, "succeeded: exit 0"), new StepAttempt("probe", 1, T1, "failed: HTTP 503"),
                        new StepAttempt("notify", 1, T2, "succeeded: exit 0")),
                List.of(new OutputChunk(1, "build", 1, "built\n"), new OutputChunk(7, "notify", 1, "sent\n")));

        assertThat(printed()).isEqualTo("""
                ── build · attempt 1 · started 2026-12-03 15:13:22Z · succeeded: exit 0 ──
                built
                ── probe · attempt 1 · started 2026-12-03 15:13:22Z · failed: HTTP 503 ──
                ── notify · attempt 1 · started 2026-12-03 15:13:25Z · succeeded: exit 0 ──
                sent
                """);
    }

    @Test
    void following_an_attempt_that_runs_says_running_then_closes_it_with_its_outcome_after_its_last_output() {
        AttemptLog log = new AttemptLog(out, false);
        log.print(List.of(new StepAttempt("flaky", 1, T1, null)), List.of(new OutputChunk(1, "flaky", 1, "begin\n")));
        log.print(List.of(new StepAttempt("flaky", 1, T1, "failed: exit 1"), new StepAttempt("flaky", 2, T2, null)),
                List.of(new OutputChunk(2, "flaky", 1, "end\n"), new OutputChunk(3, "flaky", 2, "again\n")));
        log.print(List.of(new StepAttempt("flaky", 1, T1, "failed: exit 1"), new StepAttempt("flaky", 2, T2, "succeeded: exit 0")),
                List.of());

        assertThat(printed()).isEqualTo("""
                ── attempt 1 · started 2026-12-03 15:13:22Z · running ──
                begin
                end
                ── attempt 1 · failed: exit 1 ──
                ── attempt 2 · started 2026-12-03 15:13:25Z · running ──
                again
                ── attempt 2 · succeeded: exit 0 ──
                """);
    }

    @Test
    void output_of_an_attempt_the_journal_does_not_show_is_printed_under_a_plain_header() {
        new AttemptLog(out, true).print(List.of(), List.of(new OutputChunk(1, "old", 1, "a\n"), new OutputChunk(2, "old", 1, "b\n")));

        assertThat(printed()).isEqualTo("── old · attempt 1 ──\na\nb\n");
    }
}
