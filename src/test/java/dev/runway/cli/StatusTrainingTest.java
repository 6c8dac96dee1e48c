package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.app.InProcessRunway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The call the launcher records {@code status}'s class cache from loads only what a status
 * call needs: the JVM loads every class of the cache at each start, so anything extra slows
 * every status (Logback, recorded once by opening the database before logging was silenced,
 * cost some 12 ms of each call).
 */
class StatusTrainingTest {

    @Test
    void training_the_status_cache_on_finished_and_waiting_runs_loads_no_logging_backend(@TempDir Path dir) throws Exception {
        InProcessRunway runway = new InProcessRunway(dir.resolve("home"), Clock.systemUTC());
        aRunbook("Done").section("Deploy").withShellStep("Ship", "true").writeTo(dir);
        assertThat(runway.run("run", dir.resolve("runbook.md").toString()).exit()).isZero();
        aRunbook("Stuck").section("Deploy").withShellStep("Ship", "exit 1").writeTo(dir);
        assertThat(runway.run("run", dir.resolve("runbook.md").toString(), "--no-wait").exit()).isEqualTo(4);
        Path classes = dir.resolve("classes.txt");

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-Xlog:class+load:file=" + classes,
                "-cp", System.getProperty("java.class.path"), "dev.runway.app.Main", FastStatus.TRAIN, dir.resolve("home").toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();

        String loaded = Files.readString(classes);
        assertThat(loaded).contains("dev.runway.cli.StatusCommand", "dev.runway.cli.RunHints");
        assertThat(loaded).doesNotContain("ch.qos.logback");
    }
}
