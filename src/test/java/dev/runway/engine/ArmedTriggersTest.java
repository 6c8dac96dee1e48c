package dev.runway.engine;

import static dev.runway.engine.EngineHarness.person;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.engine.RunEvent.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runbook's triggers, armed from the first production step until the rollback deadline,
 * watched while ordinary steps run and wait: real bash, a real command monitor, a real store.
 */
class ArmedTriggersTest {

    @TempDir
    Path dir;
    EngineHarness h;

    @BeforeEach
    void open() throws Exception {
        h = new EngineHarness(dir);
        Files.writeString(dir.resolve("errors.txt"), "0\n");
    }

    @AfterEach
    void close() {
        h.close();
    }

    static final String FRONT = "---\nmonitors:\n  errors: { command: 'cat errors.txt', every: 200ms, unreadable_after: 2 }\n"
            + "triggers:\n  - errors.value > 5 for 400ms\nrollback_deadline: 60s\n---\n# Release\n\n";
    static final String ROLLBACK = "## Rollback\n\n### Undo\n\n```bash\necho undone >> rollback.log\n```\n";

    static String shell(String heading, String script) {
        return "### " + heading + "\n\n```bash\n" + script + "\n```\n\n";
    }

    /** Writes {@code value} to the monitored file after {@code millis}. */
    void breachAfter(long millis, String value) {
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(millis);
                Files.writeString(dir.resolve("errors.txt"), value + "\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Drives without stopping for people, as a server does. */
    CompletableFuture<RunStatus> driveThrough(String id) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                RunState s = h.state(id);
                return h.engine.drive(id, h.plan(s.start()), false, RunListener.NONE);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    static final String FIRED = "rule \"errors\\.value > 5 for 400ms\" fired at \\d\\d:\\d\\d:\\d\\dZ: values 9(, 9)+ over 0\\.\\ds";

    @Test
    void a_trigger_that_fires_during_a_shell_step_stops_its_whole_process_tree_and_rolls_back() throws Exception {
        String id = h.start(FRONT + "## Checks\n\n" + shell("before", "true") + "## Production\n\n"
                + shell("deploy", "sleep 30 &\necho $! > child.pid\nwait") + ROLLBACK, "alice");
        breachAfter(1500, "9");
        long started = System.nanoTime();
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        StepState deploy = h.step(id, "deploy");
        assertThat(deploy.status()).isEqualTo(StepStatus.FAILED);
        assertThat(deploy.detail()).matches("stopped: a trigger fired: " + FIRED);
        RunState state = h.state(id);
        assertThat(state.rollbackReason()).matches("a trigger fired during step \"deploy\": " + FIRED);
        assertThat(state.finishReason()).matches("rollback plan completed: a trigger fired during step \"deploy\": " + FIRED);
        // Journaled in one commit before the step was stopped: the failure, then the rollback.
        List<String> types = state.events().stream().map(e -> e.event().type()).toList();
        assertThat(types).containsSubsequence("step.started", "step.failed", "rollback.started", "step.started", "step.succeeded",
                "run.finished");
        long child = Long.parseLong(Files.readString(dir.resolve("child.pid")).strip());
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
        assertThat(Files.readString(dir.resolve("rollback.log"))).isEqualTo("undone\n");
    }

    @Test
    void triggers_are_not_armed_before_the_first_production_step() throws Exception {
        Files.writeString(dir.resolve("errors.txt"), "9\n");
        String id = h.start(FRONT.replace("rollback_deadline: 60s", "rollback_deadline: 1s") + "## Checks\n\n"
                + shell("before", "sleep 1; echo 0 > errors.txt") + "## Production\n\n" + shell("deploy", "true") + ROLLBACK, "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.step(id, "before").status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void a_trigger_that_fires_while_a_gate_waits_rolls_back_without_the_approval() throws Exception {
        String id = h.start(FRONT + "## Production\n\n" + shell("deploy", "true") + "### Verify\n\n```runway\ngate: default\n```\n\n"
                + ROLLBACK, "alice");
        CompletableFuture<RunStatus> driving = driveThrough(id);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> h.state(id).status() == RunStatus.WAITING);
        breachAfter(0, "9");
        assertThat(driving.get(15, TimeUnit.SECONDS)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(h.step(id, "verify").detail()).matches("stopped: a trigger fired: " + FIRED);
        assertThat(h.state(id).rollbackReason()).matches("a trigger fired during step \"verify\": " + FIRED);
    }

    @Test
    void unreadable_triggers_during_a_step_stop_it_and_ask_a_person_with_the_reason() throws Exception {
        Files.delete(dir.resolve("errors.txt"));
        String id = h.start(FRONT.replace("rollback_deadline: 60s", "rollback_deadline: 3s") + "## Production\n\n"
                + shell("deploy", "if [ -f second ]; then exit 0; fi\ntouch second\nsleep 30") + ROLLBACK, "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        String reason = "the runbook's triggers could not be checked, so the step was stopped: monitor \"errors\" could not be read "
                + "2 times in a row, so rule \"errors.value > 5 for 400ms\" cannot be checked: command \"cat errors.txt\" exited "
                + "with 1: cat: errors.txt: No such file or directory";
        assertThat(h.step(id, "deploy").detail()).isEqualTo(reason);
        assertThat(h.state(id).awaiting().await()).isEqualTo(RunEvent.Await.DECISION);
        assertThat(h.state(id).awaiting().reason()).isEqualTo("step \"deploy\" could not verify: " + reason);
        assertThat(dir.resolve("rollback.log")).doesNotExist();

        Files.writeString(dir.resolve("errors.txt"), "0\n");
        h.people.decide(id, person("alice"), Decision.RETRY, "Prometheus is back");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.step(id, "deploy").attempt()).isEqualTo(2);
        assertThat(h.state(id).finishReason()).isEqualTo("all steps completed; no trigger fired before the rollback deadline");
    }

    @Test
    void a_resumed_run_arms_its_triggers_again_before_the_deadline() throws Exception {
        String id = h.start(FRONT + "## Production\n\n" + shell("deploy", "true") + "### Dashboards\n\n- [ ] check the dashboards\n\n" + ROLLBACK, "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        // The process that drove it has stopped; the next one finds the breach while the task waits.
        Files.writeString(dir.resolve("errors.txt"), "9\n");
        assertThat(driveThrough(id).get(15, TimeUnit.SECONDS)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(h.state(id).rollbackReason()).matches("a trigger fired during step \"dashboards\": " + FIRED);
    }
}
