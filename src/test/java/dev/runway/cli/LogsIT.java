package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway logs --follow} in its own process, on a run another process moves on. */
class LogsIT {

    @TempDir Path dir;
    RunwayProcess.Background follow;

    @AfterEach
    void stopFollowing() {
        if (follow != null) follow.kill();
    }

    @Test
    void following_a_waiting_run_no_process_drives_says_so_once_and_follows_it_when_it_is_resumed() {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        aRunbook("Gated release")
                .withGatedDeploy()
                .writeTo(dir);
        RunwayProcess.Result run = runway.run("run", "runbook.md", "--as", "alice", "--no-wait", "--json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        String runId = run.runId();

        follow = runway.start("logs", runId, "--follow");
        String notice = "run " + runId + " waits for an approval at step \"approve\" and no process drives this run:"
                + " it moves on only once it is resumed (runway resume " + runId + "); still following\n";
        await().atMost(Duration.ofSeconds(30)).until(() -> follow.stderrSoFar().contains(notice));
        assertThat(runway.run("approve", runId, "--as", "bob").exit()).isZero();
        assertThat(runway.run("resume", runId, "--as", "alice").exit()).isZero();

        RunwayProcess.Result logs = follow.await(Duration.ofSeconds(30));
        assertThat(logs.exit()).as(logs.toString()).isZero();
        assertThat(logs.stdout()).contains("deployed\n");
        assertThat(logs.stderr()).isEqualTo(notice);
    }
}
