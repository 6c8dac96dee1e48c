package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CI job cancelled mid-step sends {@code runway run} SIGTERM: the step's processes must stop
 * with it, and the run must say what happened and stay resumable.
 */
class StopSignalIT {

    @TempDir Path dir;
    RunwayProcess.Background background;

    @AfterEach
    void stop() {
        if (background != null) background.kill();
    }

    /**
     * Starts a run whose first step leaves a child that writes {@code late.txt} after
     * {@code lateAfter} seconds, and returns once the step is running.
     */
    private RunwayProcess startedMigration(int lateAfter) {
        aRunbook("Long release")
                .section("Deploy")
                .withShellStep("Migrate", "echo started > started.txt; (sleep " + lateAfter + "; echo late > late.txt) & sleep 30")
                .withShellStep("Finish", "echo finished > finished.txt")
                .writeTo(dir);
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        background = runway.start("run", "runbook.md");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("started.txt")));
        return runway;
    }

    @Test
    void sigterm_stops_the_running_step_with_its_processes_and_leaves_the_run_resumable() throws Exception {
        RunwayProcess runway = startedMigration(4);

        background.terminate();
        RunwayProcess.Result stopped = background.await(Duration.ofSeconds(20));

        assertThat(stopped.exit()).isEqualTo(143);
        String runId = runway.newestRun();
        assertThat(stopped.stderr()).contains("runway: stopping: ending the running step and its processes; run " + runId
                + " stays resumable (runway resume " + runId + ")");
        JsonNode status = runway.run("status", runId, "--json").json();
        assertThat(status.get("steps").get(0).get("status").asText()).isEqualTo("interrupted");
        Thread.sleep(5000); // past the moment the step's background child would have written
        assertThat(dir.resolve("late.txt")).as("the step's child process was stopped with it").doesNotExist();
        assertThat(dir.resolve("finished.txt")).doesNotExist();

        RunwayProcess.Result resume = runway.run("resume", runId, "--no-wait", "--json");
        assertThat(resume.exit()).as(resume.toString()).isEqualTo(4);
        assertThat(resume.json().get("awaiting").get("reason").asText())
                .isEqualTo("step \"migrate\" was running (attempt 1) when Runway stopped and is not marked idempotent;"
                        + " choose retry, skip, rollback or abort");
    }

    @Test
    void processes_a_killed_runway_left_behind_are_stopped_when_the_run_is_resumed() throws Exception {
        RunwayProcess runway = startedMigration(6);

        background.killRunwayOnly();
        String runId = runway.newestRun();
        // The run still says "running": status says that nothing drives it any more, and what to do.
        await().atMost(Duration.ofSeconds(10)).until(() -> runway.run("status", runId).stdout()
                .contains("no process drives this run (its last one, "));
        assertThat(runway.run("status", runId).stdout()).containsPattern("is gone\\); continue it: runway resume " + runId + "\n");
        RunwayProcess.Result resume = runway.run("resume", runId, "--no-wait", "--json");

        assertThat(resume.exit()).as(resume.toString()).isEqualTo(4);
        assertThat(resume.json().get("steps").get(0).get("status").asText()).isEqualTo("interrupted");
        RunwayProcess.Result logs = runway.run("logs", runway.newestRun(), "--step", "migrate");
        // bash, its subshell and their sleeps; how many exactly depends on how bash forks
        assertThat(logs.stdout()).containsPattern("\\[runway: stopped [2-9] processes this attempt left running when Runway stopped]");
        Thread.sleep(7000); // past the moment the left-behind child would have written
        assertThat(dir.resolve("late.txt")).doesNotExist();
    }
}
