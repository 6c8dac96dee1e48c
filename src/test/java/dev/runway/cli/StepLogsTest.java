package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.app.InProcessRunway;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway logs}: a retried step's attempts, each under a header saying when it started and how it ended. */
class StepLogsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T15:13:22.517Z"), ZoneOffset.UTC);

    @TempDir Path dir;
    InProcessRunway runway;
    String runId;

    @BeforeEach
    void runAStepThatSucceedsOnItsThirdAttempt() {
        runway = new InProcessRunway(dir.resolve("home"), CLOCK);
        Path count = dir.resolve("count");
        aRunbook("Retried")
                .section("Work")
                .withShellStep("Build", "echo built")
                .withShellStep("Flaky", "retry: 3", "n=$(( $(cat '" + count + "' 2>/dev/null || echo 0) + 1 )); echo $n > '" + count + "'\n"
                        + "echo \"try $n\"\n[ $n -ge 3 ]")
                .writeTo(dir);
        InProcessRunway.Result run = runway.run("run", dir.resolve("runbook.md").toString(), "--json");
        assertThat(run.exit()).as(run.toString()).isZero();
        runId = run.stdout().replaceAll("(?s).*\"run\" : \"([^\"]+)\".*", "$1");
    }

    @Test
    void logs_of_one_step_print_a_header_before_each_attempt() {
        InProcessRunway.Result logs = runway.run("logs", runId, "--step", "flaky");

        assertThat(logs.exit()).as(logs.toString()).isZero();
        assertThat(logs.stdout()).isEqualTo("""
                ── attempt 1 · started 2026-12-03 15:13:22Z · failed: exit 1 ──
                try 1
                ── attempt 2 · started 2026-12-03 15:13:22Z · failed: exit 1 ──
                try 2
                ── attempt 3 · started 2026-12-03 15:13:22Z · succeeded: exit 0 ──
                try 3
                """);
    }

    @Test
    void following_a_finished_run_prints_the_same_headers_and_returns() {
        assertThat(runway.run("logs", runId, "--step", "flaky", "--follow").stdout())
                .isEqualTo(runway.run("logs", runId, "--step", "flaky").stdout());
    }

    @Test
    void logs_of_all_steps_name_the_step_in_each_header() {
        assertThat(runway.run("logs", runId).stdout()).isEqualTo("""
                ── build · attempt 1 · started 2026-12-03 15:13:22Z · succeeded: exit 0 ──
                built
                ── flaky · attempt 1 · started 2026-12-03 15:13:22Z · failed: exit 1 ──
                try 1
                ── flaky · attempt 2 · started 2026-12-03 15:13:22Z · failed: exit 1 ──
                try 2
                ── flaky · attempt 3 · started 2026-12-03 15:13:22Z · succeeded: exit 0 ──
                try 3
                """);
    }

    @Test
    void logs_of_a_step_the_run_does_not_have_are_refused_with_exit_2() {
        InProcessRunway.Result logs = runway.run("logs", runId, "--step", "unknown-id");

        assertThat(logs.exit()).isEqualTo(2);
        assertThat(logs.stderr()).isEqualTo("runway: run " + runId + " has no step \"unknown-id\"\n");
        assertThat(logs.stdout()).isEmpty();
    }
}
