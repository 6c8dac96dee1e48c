package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway demo}, the README's first command, through the real binary. */
class DemoIT {

    @TempDir
    Path home;

    @Test
    void the_demo_ships_a_good_release_then_rolls_a_broken_one_back_and_leaves_nothing_running() {
        Path repo = Path.of(System.getProperty("runway.repo", ".")).toAbsolutePath();
        RunwayProcess runway = new RunwayProcess(home, repo);

        RunwayProcess.Result demo = runway.start("demo").await(Duration.ofMinutes(3));

        assertThat(demo.exit()).as(demo.toString()).isZero();
        assertThat(demo.stdout()).containsPattern("run \\S+  succeeded\\s+demo-service release 1\\.1\\.0");
        assertThat(demo.stdout()).containsPattern("run \\S+  rolled-back\\s+demo-service release 1\\.2\\.0-broken");
        assertThat(demo.stdout()).contains("audit chain: intact");
        assertThat(demo.stderr())
                .contains("demo-approver (a second identity with the approver role) approves gate")
                .contains("watching orders.value > 20% for 2s until")
                .containsPattern("rule \"orders\\.value > (5% for 3s|20% for 2s)\" fired at")
                .contains("{\"status\":\"ok\",\"version\":\"1.1.0\"}");
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(home.toString()))
                .filter(ProcessHandle::isAlive).toList())
                .as("demo-service instances left running").isEmpty();
    }
}
