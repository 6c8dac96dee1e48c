package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.app.InProcessRunway;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed attempt that its retry policy repeats says so, with the delay: the run is waiting, not stuck. */
class RetryLineTest {

    @Test
    void each_failure_a_retry_follows_names_the_delay_and_the_next_attempt_and_the_last_names_none(@TempDir Path dir) {
        aRunbook("Flaky").section("Deploy")
                .withShellStep("Ship", "retry: { attempts: 3, delay: 1s }\non_failure: abort", "echo not yet; exit 1")
                .writeTo(dir);

        InProcessRunway.Result run = new InProcessRunway(dir.resolve("home"), Clock.systemUTC())
                .run("run", dir.resolve("runbook.md").toString());

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.stderr().lines().filter(l -> l.contains("✖ ship")).map(l -> l.replaceAll("^\\S+ |\\(\\d+\\.\\ds\\)", "")))
                .containsExactly("✖ ship: exit 1  — retrying in 1s (attempt 2 of 3)",
                        "✖ ship: exit 1  — retrying in 1s (attempt 3 of 3)",
                        "✖ ship: exit 1 ");
    }
}
