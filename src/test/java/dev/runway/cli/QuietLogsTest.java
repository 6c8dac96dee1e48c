package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runway.app.InProcessRunway;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway logs} with nothing to print says why on stderr, and exits 0: no output is not an error. */
class QuietLogsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T15:13:22.517Z"), ZoneOffset.UTC);

    @TempDir Path dir;
    InProcessRunway runway;
    String runId;

    @BeforeEach
    void runToTheGate() throws Exception {
        runway = new InProcessRunway(dir.resolve("home"), CLOCK);
        aRunbook("Gated release")
                .withGatedDeploy()
                .writeTo(dir);
        InProcessRunway.Result run = runway.run("run", dir.resolve("runbook.md").toString(), "--as", "alice", "--no-wait", "--json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        runId = new ObjectMapper().readTree(run.stdout()).get("run").asText();
    }

    private void assertSaysOnStderr(InProcessRunway.Result logs, String notice) {
        assertThat(logs.exit()).as(logs.toString()).isZero();
        assertThat(logs.stdout()).isEmpty();
        assertThat(logs.stderr()).isEqualTo(notice + "\n");
    }

    @Test
    void logs_of_a_run_that_has_printed_nothing_yet_say_so() {
        assertSaysOnStderr(runway.run("logs", runId), "run " + runId + " has no output yet");
    }

    @Test
    void logs_of_a_step_that_has_not_run_yet_say_so() {
        assertSaysOnStderr(runway.run("logs", runId, "--step", "deploy"), "step \"deploy\" has not run yet in run " + runId);
    }

    @Test
    void logs_of_a_gate_say_that_such_a_step_prints_no_output() {
        assertSaysOnStderr(runway.run("logs", runId, "--step", "approve"), "step \"approve\" is a gate step, which prints no output");
    }

    @Test
    void logs_of_a_run_that_ended_before_anything_printed_say_so() {
        assertThat(runway.run("reject", runId, "--as", "bob").exit()).isZero();
        assertThat(runway.run("resume", runId, "--as", "alice").exit()).isEqualTo(1);

        assertSaysOnStderr(runway.run("logs", runId), "run " + runId + " printed no output");
        assertSaysOnStderr(runway.run("logs", runId, "--step", "deploy"),
                "step \"deploy\" did not run in run " + runId + " (the run ended: aborted)");
    }
}
