package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Triggers armed while an ordinary production step runs, through the real binary. */
class ArmedTriggersIT {

    @TempDir Path dir;

    @Test
    void a_trigger_that_fires_while_the_deploy_sleeps_stops_it_and_rolls_back_naming_the_rule_and_values() throws Exception {
        Files.writeString(dir.resolve("errors.txt"), "0\n");
        Files.writeString(dir.resolve("release.md"), "---\nmonitors:\n  errors: { command: 'cat errors.txt', every: 200ms }\n"
                + "triggers:\n  - errors.value > 5 for 400ms\nrollback_deadline: 60s\n---\n# Release\n\n"
                + "## Production\n\n### Deploy\n\n```bash\necho deploying\ntouch deploying\nsleep 30\necho deployed\n```\n\n"
                + "## Rollback\n\n### Undo\n\n```bash\ntouch rolled-back\n```\n");
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        RunwayProcess.Background run = runway.start("run", "release.md");
        // The breach starts once the deploy is under way (the step leaves a file: cheaper than polling with JVMs).
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(dir.resolve("deploying")));
        Thread.sleep(500);
        Files.writeString(dir.resolve("errors.txt"), "9\n");
        RunwayProcess.Result ended = run.await(Duration.ofSeconds(30));
        assertThat(ended.exit()).as(ended.toString()).isEqualTo(3);
        String fired = "rule \"errors.value > 5 for 400ms\" fired at \\d\\d:\\d\\d:\\d\\dZ: values 9(, 9)+ over 0\\.\\ds";
        assertThat(ended.stdout()).containsPattern("run \\S+ rolled-back: rollback plan completed: a trigger fired during step "
                + "\"deploy\": " + fired);
        assertThat(ended.stderr()).doesNotContain("deployed");
        assertThat(dir.resolve("rolled-back")).exists();

        RunwayProcess.Result report = runway.run("report", runway.newestRun());
        assertThat(report.exit()).as(report.toString()).isZero();
        assertThat(report.stdout()).containsPattern("stopped: a trigger fired: " + fired);
    }
}
