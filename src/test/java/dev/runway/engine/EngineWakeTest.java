package dev.runway.engine;

import static dev.runway.engine.EngineHarness.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.fixtures.TestRunbooks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server polls for other processes' approvals rarely; its own interventions wake the run. */
class EngineWakeTest {

    @TempDir Path dir;
    EngineHarness h;

    @BeforeEach
    void setUp() {
        h = new EngineHarness(dir);
    }

    @AfterEach
    void tearDown() {
        h.close();
    }

    @Test
    void an_approval_made_here_is_acted_on_at_once_however_rarely_the_engine_polls() throws Exception {
        String id = h.start(TestRunbooks.gatedRelease(1), "alice");
        Engine patient = new Engine(h.store, h.clock, StepExecutors.standard(h.clock), Duration.ofHours(1));
        RunState state = h.state(id);
        CompletableFuture<RunStatus> driven = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                driven.complete(patient.drive(id, h.plan(state.start()), false, RunListener.NONE));
            } catch (Throwable t) {
                driven.completeExceptionally(t);
            }
        });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> h.state(id).status() == RunStatus.WAITING);
        h.people.approve(id, person("bob", "approver"), null);
        patient.wake(id);
        assertThat(driven.get(10, TimeUnit.SECONDS)).isEqualTo(RunStatus.SUCCEEDED);
    }
}
