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
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        List<RunwayProcess.Background> started = new ArrayList<>();
        for (int i = 0; i < 4; i++) started.add(runway.start("history", "--json"));
        for (RunwayProcess.Background p : started) {
            RunwayProcess.Result r = p.await(Duration.ofSeconds(60));
            assertThat(r.exit()).as(r.toString()).isZero();
            assertThat(r.json().isArray()).isTrue();
            assertThat(r.json()).isEmpty();
        }
    }
}
