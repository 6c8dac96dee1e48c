package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.io.TempDir;

/** A new home is created by whichever process comes first; the others must not trip over it. */
class FreshHomeIT {

    @TempDir Path dir;

    @RepeatedTest(3)
    void processes_opening_a_new_home_at_the_same_moment_all_succeed() {
        // Commands that write create the home; read-only ones (history) leave a new home alone.
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        List<RunwayProcess.Background> started = new ArrayList<>();
        for (int i = 0; i < 4; i++) started.add(runway.start("token", "create", "--user", "ci-" + i, "--role", "viewer", "--json"));
        for (RunwayProcess.Background p : started) {
            RunwayProcess.Result r = p.await(Duration.ofSeconds(60));
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.json().path("token").asText()).startsWith("rw_");
        }
        RunwayProcess.Result listed = runway.run("token", "list", "--json");
        assertThat(listed.json()).hasSize(4);
    }
}
