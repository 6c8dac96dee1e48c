package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.app.InProcessRunway;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that went past failures succeeds, and its summary says how many steps completed and which were skipped. */
class SkippedStepsSummaryTest {

    @TempDir Path dir;

    @Test
    void a_run_with_skipped_steps_says_how_many_completed_and_which_were_skipped() {
        InProcessRunway runway = new InProcessRunway(dir.resolve("home"),
                Clock.fixed(Instant.parse("2026-12-03T15:13:22Z"), ZoneOffset.UTC));
        aRunbook("Skippy")
                .section("Deploy")
                .withShellStep("Build", "echo built")
                .withShellStep("Smoke", "on_failure: continue", "exit 1")
                .withShellStep("Migrate", "exit 2")
                .withShellStep("Notify", "echo sent")
                .writeTo(dir);
        InProcessRunway.Result run = runway.run("run", dir.resolve("runbook.md").toString(), "--no-wait");
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        String runId = run.stdout().replaceAll("(?s)^run (\\S+) .*", "$1");
        assertThat(runway.run("decide", runId, "skip", "--reason", "migrated by hand").exit()).isZero();

        InProcessRunway.Result resume = runway.run("resume", runId);

        assertThat(resume.exit()).as(resume.toString()).isZero();
        assertThat(resume.stdout()).isEqualTo("run " + runId + " succeeded: 2 steps completed, 2 skipped (smoke, migrate)\n"
                + "record: runway report " + runId + " --home " + dir.resolve("home") + "\n");
        assertThat(resume.stderr()).contains("■ run succeeded: 2 steps completed, 2 skipped (smoke, migrate)\n");
        assertThat(runway.run("status", runId).stdout()).contains("\nrun " + runId + " succeeded: 2 steps completed, 2 skipped (smoke, migrate)\n");
        assertThat(runway.run("report", runId).stdout()).contains("**succeeded** — 2 steps completed, 2 skipped (smoke, migrate)");
    }

    @Test
    void a_run_without_skipped_steps_still_says_all_steps_completed() {
        InProcessRunway runway = new InProcessRunway(dir.resolve("home"), Clock.systemUTC());
        aRunbook("Clean").section("Deploy").withShellStep("Build", "echo built").writeTo(dir);

        InProcessRunway.Result run = runway.run("run", dir.resolve("runbook.md").toString());

        assertThat(run.stdout()).startsWith("run ").contains(" succeeded: all steps completed\n");
    }
}
