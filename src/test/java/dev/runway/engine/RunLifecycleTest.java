package dev.runway.engine;

import static dev.runway.engine.EngineHarness.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runway.engine.RunEvent.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives runs through every path of the lifecycle table with real bash and a real store, then
 * proves (in {@link #every_declared_transition_is_exercised}) that no declared transition is dead.
 */
class RunLifecycleTest {

    @TempDir
    Path dir;
    EngineHarness h;

    @BeforeEach
    void open() {
        h = new EngineHarness(dir);
    }

    @AfterEach
    void close() {
        try {
            // Every path leaves listings showing what the journal says: audit verify's read-model check holds.
            assertThat(dev.runway.record.AuditVerifier.verify(h.store.auditSnapshot(), null).problem()).isNull();
        } finally {
            h.close();
        }
    }

    private static String runbook(String front, String body) {
        return (front.isEmpty() ? "" : "---\n" + front + "---\n") + "# Test release\n\n" + body;
    }

    private static String shell(String id, String script, String directive) {
        return "### " + id + "\n\n" + (directive.isEmpty() ? "" : "```runway\n" + directive + "\n```\n\n")
                + "```bash\n" + script + "\n```\n\n";
    }

    private static final String ROLLBACK = "## Rollback\n\n" + shell("undo", "echo undone >> rollback.log", "");

    @Test
    void steps_run_in_document_order_and_the_run_succeeds() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("one", "echo 1 >> order.log", "")
                + shell("two", "echo 2 >> order.log", "") + shell("three", "echo 3 >> order.log", "")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Files.readAllLines(dir.resolve("order.log"))).containsExactly("1", "2", "3");
        assertThat(h.step(id, "two").detail()).isEqualTo("exit 0");
    }

    @Test
    void a_failed_step_waits_for_a_decision_and_retry_runs_it_again() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n"
                + shell("flaky", "if [ ! -f ok ]; then touch ok; exit 3; fi", "")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        assertThat(h.state(id).awaiting().await()).isEqualTo(RunEvent.Await.DECISION);
        assertThat(h.state(id).awaiting().reason()).isEqualTo("step \"flaky\" failed: exit 3");
        h.people.decide(id, person("alice"), Decision.RETRY, null);
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.step(id, "flaky").attempt()).isEqualTo(2);
    }

    @Test
    void skip_needs_a_reason_and_is_recorded_with_it() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("broken", "exit 1", "") + shell("after", "true", "")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        assertThatThrownBy(() -> h.people.decide(id, person("alice"), Decision.SKIP, " "))
                .isInstanceOf(Refusal.class).hasMessage("skipping step \"broken\" needs a reason (--reason \"…\")");
        h.people.decide(id, person("alice"), Decision.SKIP, "known issue, fixed in next release");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.step(id, "broken").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(h.step(id, "broken").detail()).isEqualTo("skipped by alice: known issue, fixed in next release");
        assertThat(h.state(id).finishReason()).as("a skip is not a clean run").isEqualTo("1 step completed, 1 skipped (broken)");
    }

    @Test
    void a_run_that_continued_past_failures_says_which_steps_it_skipped() throws Exception {
        StringBuilder steps = new StringBuilder("## Deploy\n\n");
        for (String name : List.of("a", "b", "c", "d", "e")) steps.append(shell(name, "exit 2", "on_failure: continue"));
        steps.append(shell("ok", "true", ""));
        String id = h.start(runbook("", steps.toString()), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.state(id).finishReason()).isEqualTo("1 step completed, 5 skipped (a, b, c and 2 more)");
    }

    @Test
    void deciding_rollback_runs_the_rollback_section_and_ends_rolled_back() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "") + ROLLBACK), "alice");
        h.drive(id);
        h.people.decide(id, person("alice"), Decision.ROLLBACK, "bad build");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(Files.readString(dir.resolve("rollback.log"))).isEqualTo("undone\n");
    }

    @Test
    void deciding_abort_ends_the_run_aborted_and_releases_the_lock() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "")), "alice");
        h.drive(id);
        h.people.decide(id, person("alice"), Decision.ABORT, "not today");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ABORTED);
        assertThat(h.state(id).finishReason()).isEqualTo("aborted by alice: not today");
    }

    @Test
    void on_failure_abort_fails_the_run_without_asking() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 7", "on_failure: abort")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.FAILED);
        assertThat(h.state(id).finishReason()).isEqualTo("step \"deploy\" failed: exit 7");
    }

    @Test
    void on_failure_rollback_rolls_back_without_asking() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "on_failure: rollback") + ROLLBACK), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
    }

    @Test
    void a_rollback_called_for_without_a_rollback_section_ends_rollback_failed_saying_nothing_was_undone() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("boom", "exit 1", "on_failure: rollback")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLBACK_FAILED);
        assertThat(h.state(id).finishReason())
                .isEqualTo("the runbook has no rollback section, so nothing was rolled back: step \"boom\" failed: exit 1");
    }

    @Test
    void the_first_decision_on_a_failure_stands_until_it_is_carried_out() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("broken", "exit 1", "") + shell("after", "true", "")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        h.people.decide(id, person("bob", "operator"), Decision.ABORT, "not today");
        assertThatThrownBy(() -> h.people.decide(id, person("carol", "operator"), Decision.SKIP, "why not"))
                .isInstanceOf(Refusal.class)
                .hasMessage("step \"broken\" of run " + id + " already has a decision: abort by bob; it takes effect when"
                        + " a process drives the run (runway resume " + id + ")");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ABORTED);
        assertThat(h.state(id).finishReason()).isEqualTo("aborted by bob: not today");
    }

    @Test
    void automatic_retries_happen_before_the_failure_policy_applies() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy",
                "n=$(cat n 2>/dev/null || echo 0); echo $((n+1)) > n; [ \"$RUNWAY_ATTEMPT\" -ge 3 ]",
                "retry: { attempts: 3, delay: 10ms }")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Files.readString(dir.resolve("n")).strip()).isEqualTo("3");
    }

    @Test
    void a_failing_rollback_step_ends_the_run_rollback_failed() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "on_failure: rollback")
                + "## Rollback\n\n" + shell("undo", "exit 9", "")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLBACK_FAILED);
        assertThat(h.state(id).finishReason()).isEqualTo("rollback step \"undo\" failed: exit 9");
    }

    @Test
    void a_rollback_asked_for_while_a_step_runs_starts_when_the_step_ends_and_no_further_step_runs() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("long", "touch started; while [ ! -f go ]; do sleep 0.05; done", "")
                + shell("next", "echo next >> next.log", "") + ROLLBACK), "alice");
        var drive = new java.util.concurrent.FutureTask<>(() -> h.drive(id));
        Thread.ofVirtual().start(drive);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> Files.exists(dir.resolve("started")));

        h.people.requestRollback(id, person("bob"), "stop now");
        Files.writeString(dir.resolve("go"), "");

        assertThat(drive.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(dir.resolve("next.log")).doesNotExist();
        assertThat(h.step(id, "long").status()).isEqualTo(StepStatus.SUCCEEDED);
        assertThat(h.step(id, "next").status()).isEqualTo(StepStatus.PENDING);
        assertThat(Files.readAllLines(dir.resolve("rollback.log"))).containsExactly("undone");
    }

    @Test
    void a_rollback_step_may_say_continue_for_best_effort_or_ask_for_a_person_and_rollback_is_no_choice_while_rolling_back() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "on_failure: rollback")
                + "## Rollback\n\n" + shell("cleanup", "exit 4", "on_failure: continue")
                + shell("restore", "test -f fixed", "on_failure: ask")
                + shell("last", "echo last >> last.log", "")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        assertThat(h.step(id, "cleanup").status()).isEqualTo(StepStatus.SKIPPED);
        assertThat(h.step(id, "cleanup").detail()).isEqualTo("skipped by runway: on_failure: continue after exit 4");
        assertThat(h.state(id).awaiting().reason())
                .isEqualTo("rollback step \"restore\" failed: exit 1; choose retry, skip or abort (abort ends the rollback)");
        assertThatThrownBy(() -> h.people.decide(id, person("alice"), Decision.ROLLBACK, null))
                .isInstanceOf(Refusal.class).hasMessage("run " + id + " is already rolling back; for step \"restore\""
                        + " choose retry, skip --reason … or abort (abort ends the rollback)");

        h.people.decide(id, person("bob"), Decision.SKIP, "restored by hand");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(Files.readAllLines(dir.resolve("last.log"))).containsExactly("last");
        assertThat(h.step(id, "restore").detail()).isEqualTo("skipped by bob: restored by hand");
        assertThat(h.state(id).finishReason()).startsWith("1 rollback step completed, 2 skipped (cleanup, restore): ");
    }

    @Test
    void a_failed_rollback_retried_runs_again_from_the_failed_step_with_its_full_retry_policy() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "on_failure: rollback")
                + "## Rollback\n\n" + shell("restore", "echo restored >> restore.log", "")
                + shell("verify", "echo $RUNWAY_ATTEMPT >> verify.log; test -f fixed", "retry: { attempts: 2, delay: 10ms }")
                + shell("notify", "echo notified >> notify.log", "")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLBACK_FAILED);
        assertThat(Files.readAllLines(dir.resolve("verify.log"))).containsExactly("1", "2");

        Files.writeString(dir.resolve("fixed"), "");
        h.people.requestRollback(id, person("bob"), "registry is back");
        assertThat(h.state(id).rollbackPending()).isTrue();
        assertThatThrownBy(() -> h.people.requestRollback(id, person("carol"), null))
                .isInstanceOf(Refusal.class).hasMessageStartingWith("a rollback of run " + id + " was already requested by bob");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
        // The step that completed stays done; the failed one runs again, once more than before.
        assertThat(Files.readAllLines(dir.resolve("restore.log"))).containsExactly("restored");
        assertThat(Files.readAllLines(dir.resolve("verify.log"))).containsExactly("1", "2", "3");
        assertThat(Files.readAllLines(dir.resolve("notify.log"))).containsExactly("notified");
        assertThat(h.state(id).finishReason()).isEqualTo("rollback plan completed: retried by bob: registry is back"
                + " (earlier: rollback step \"verify\" failed: exit 1)");
        assertThat(h.step(id, "verify").attempt()).isEqualTo(3);
    }

    @Test
    void a_retried_rollback_that_fails_again_gets_the_step_s_retries_again_and_ends_rollback_failed() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "on_failure: rollback")
                + "## Rollback\n\n" + shell("verify", "echo $RUNWAY_ATTEMPT >> verify.log; exit 1", "retry: { attempts: 2, delay: 10ms }")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLBACK_FAILED);
        h.people.requestRollback(id, person("alice"), null);
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLBACK_FAILED);
        assertThat(Files.readAllLines(dir.resolve("verify.log"))).containsExactly("1", "2", "3", "4");
        assertThat(h.state(id).finishReason()).isEqualTo("rollback step \"verify\" failed: exit 1");
    }

    @Test
    void a_rollback_that_failed_for_want_of_a_rollback_section_cannot_be_retried() throws Exception {
        String none = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "on_failure: rollback")), "alice");
        assertThat(h.drive(none)).isEqualTo(RunStatus.ROLLBACK_FAILED);
        assertThatThrownBy(() -> h.people.requestRollback(none, person("alice"), null))
                .isInstanceOf(Refusal.class).hasMessage("runbook \"" + h.state(none).start().runbook() + "\" has no rollback section to run");
    }

    @Test
    void gate_passes_once_enough_distinct_approvers_agree_and_never_the_initiator() throws Exception {
        String front = "approvals:\n  production: { roles: [approver], count: 2, not_initiator: true }\n";
        String id = h.start(runbook(front, "## Production\n\n### Gate\n\n```runway\ngate: production\n```\n\n"
                + shell("deploy", "true", "")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        assertThatThrownBy(() -> h.people.approve(id, person("alice", "approver"), null))
                .isInstanceOf(Refusal.class)
                .hasMessage("alice started this run and gate \"production\" needs someone else to approve (four eyes)");
        assertThatThrownBy(() -> h.people.approve(id, person("mallory"), null))
                .isInstanceOf(Refusal.class)
                .hasMessage("mallory may not approve gate \"production\": it needs one of the roles approver");
        assertThatThrownBy(() -> h.people.approve(id, person("bot", "approver", "agent"), null))
                .isInstanceOf(Refusal.class)
                .hasMessage("bot has the agent role, which may never approve a gate");
        h.people.approve(id, person("bob", "approver"), "ok");
        assertThatThrownBy(() -> h.people.approve(id, person("bob", "approver"), "again"))
                .isInstanceOf(Refusal.class)
                .hasMessage("bob has already approved gate \"production\"; approvals must come from 2 different people");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        h.people.approve(id, person("carol", "approver"), null);
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.step(id, "gate").detail()).isEqualTo("approved by bob, carol");
        assertThat(h.state(id).events()).filteredOn(e -> e.event() instanceof RunEvent.ActionDenied).hasSize(4);
    }

    @Test
    void a_gate_with_the_approvals_it_needs_and_a_confirmed_task_refuse_more_until_the_run_moves_on() throws Exception {
        String id = h.start(runbook("", "## Production\n\n1. Tell support\n\n### Gate\n\n```runway\ngate: production\n```\n\n"
                + shell("deploy", "true", "")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        h.people.confirm(id, person("bob"), null);
        assertThatThrownBy(() -> h.people.confirm(id, person("carol"), null))
                .isInstanceOf(Refusal.class)
                .hasMessageStartingWith("step \"")
                .hasMessageEndingWith("of run " + id + " is already confirmed by bob; it continues when a process drives the run"
                        + " (runway resume " + id + ")");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        h.people.approve(id, person("bob"), "ok");
        assertThatThrownBy(() -> h.people.approve(id, person("carol"), "me too"))
                .isInstanceOf(Refusal.class)
                .hasMessage("gate \"production\" of run " + id + " already has the approvals it needs (bob); it passes when"
                        + " a process drives the run (runway resume " + id + ")");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
    }

    /** A run alice started, driven to the gate "production" before a deploy that touches "deployed". */
    private String atTheGateBeforeDeploy() throws Exception {
        String id = h.start(runbook("", "## Production\n\n### Gate\n\n```runway\ngate: production\n```\n\n"
                + shell("deploy", "touch deployed", "")), "alice");
        h.drive(id);
        return id;
    }

    @Test
    void a_rejected_gate_aborts_the_run_and_refuses_later_approvals_and_rejections() throws Exception {
        String id = atTheGateBeforeDeploy();
        h.people.reject(id, person("bob"), "error budget exhausted");
        String rejected = "gate at step \"gate\" of run " + id + " was already rejected by bob: error budget exhausted;"
                + " the run aborts when a process drives it (runway resume " + id + ")";
        assertThatThrownBy(() -> h.people.reject(id, person("carol", "approver"), "me too"))
                .isInstanceOf(Refusal.class).hasMessage(rejected);
        assertThatThrownBy(() -> h.people.approve(id, person("carol", "approver"), null))
                .isInstanceOf(Refusal.class).hasMessage(rejected);
        assertThatThrownBy(() -> h.people.decide(id, person("dan", "release-manager"), Decision.ABORT, "stop"))
                .as("the rejection is the recorded end; a later abort would take its place").isInstanceOf(Refusal.class).hasMessage(rejected);
        assertThat(h.drive(id)).isEqualTo(RunStatus.ABORTED);
        assertThat(h.state(id).finishReason()).isEqualTo("gate \"gate\" rejected by bob: error budget exhausted");
        assertThat(dir.resolve("deployed")).doesNotExist();
    }

    @Test
    void a_gate_with_the_approvals_it_needs_refuses_a_rejection_and_still_lets_a_person_abort() throws Exception {
        String id = atTheGateBeforeDeploy();
        h.people.approve(id, person("bob"), "ok");

        assertThatThrownBy(() -> h.people.reject(id, person("carol", "approver"), "stop"))
                .isInstanceOf(Refusal.class)
                .hasMessage("gate \"production\" of run " + id + " already has the approvals it needs (bob); it passes when"
                        + " a process drives the run (runway resume " + id + "); to stop the release instead: runway decide " + id
                        + " abort --reason \"…\"");
        h.people.decide(id, person("carol", "release-manager"), Decision.ABORT, "customer incident");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ABORTED);
        assertThat(h.state(id).finishReason()).isEqualTo("aborted by carol at step \"gate\": customer incident");
        assertThat(dir.resolve("deployed")).doesNotExist();
    }

    @Test
    void manual_tasks_wait_for_confirmation_and_can_be_skipped_with_a_reason() throws Exception {
        String id = h.start(runbook("", "## Checklist\n\n- [ ] Dashboards reviewed\n- [ ] Stakeholders told\n"), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        h.people.confirm(id, person("alice"), null);
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        h.people.decide(id, person("alice"), Decision.SKIP, "nobody to tell on a Sunday");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
    }

    @Test
    void a_person_may_abort_at_any_wait_and_skip_a_timer_but_not_a_gate() throws Exception {
        String task = h.start(runbook("", "## Prep\n\n- [ ] Tell the team\n\n" + shell("deploy", "touch deployed", "")), "alice");
        assertThat(h.drive(task)).isEqualTo(RunStatus.WAITING);
        h.people.decide(task, person("alice"), Decision.ABORT, "wrong day");
        assertThat(h.drive(task)).isEqualTo(RunStatus.ABORTED);
        assertThat(h.state(task).finishReason()).isEqualTo("aborted by alice at step \"prep\": wrong day");

        String timer = h.start(runbook("", "## Soak\n\n### Soak\n\n```runway\nwait: 10m\n```\n\n" + shell("deploy", "touch deployed", "")), "alice");
        // A timer is not a person: the drive sleeps through it, and notices the skip.
        var soaking = new java.util.concurrent.FutureTask<>(() -> h.drive(timer));
        Thread.ofVirtual().start(soaking);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> h.state(timer).awaiting() != null);
        assertThatThrownBy(() -> h.people.decide(timer, person("alice"), Decision.RETRY, null))
                .isInstanceOf(Refusal.class).hasMessageEndingWith("not waiting for a decision (at a timer: decide skip --reason … or abort)");
        h.people.decide(timer, person("alice"), Decision.SKIP, "soaked on staging already");
        assertThat(soaking.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.step(timer, "soak").detail()).isEqualTo("skipped by alice: soaked on staging already");
        assertThat(dir.resolve("deployed")).exists();

        String gate = h.start(runbook("", "## Production\n\n### Gate\n\n```runway\ngate: production\n```\n\n"), "alice");
        assertThat(h.drive(gate)).isEqualTo(RunStatus.WAITING);
        assertThatThrownBy(() -> h.people.decide(gate, person("alice"), Decision.SKIP, "trust me"))
                .isInstanceOf(Refusal.class).hasMessageEndingWith("not waiting for a decision (at a gate: approve, reject, or decide abort)");
        h.people.decide(gate, person("alice"), Decision.ABORT, null);
        assertThat(h.drive(gate)).isEqualTo(RunStatus.ABORTED);
    }

    @Test
    void a_task_gate_or_timer_left_by_an_abort_ends_cancelled_in_the_journal_and_the_listing() throws Exception {
        String task = h.start(runbook("", "## Prep\n\n- [ ] Tell the team\n\n" + shell("deploy", "touch deployed", "")), "alice");
        h.drive(task);
        h.people.decide(task, person("alice"), Decision.ABORT, "wrong day");
        assertThat(h.drive(task)).isEqualTo(RunStatus.ABORTED);
        assertCancelled(task, "prep", "cancelled: aborted by alice at step \"prep\": wrong day");
        // The step after it never ran, and says so rather than "pending".
        assertThat(h.store.stepLines(task)).filteredOn(l -> l.id().equals("deploy"))
                .singleElement().satisfies(l -> assertThat(l.status().labelIn(RunStatus.ABORTED)).isEqualTo("not-run"));

        String gate = h.start(runbook("", "## Production\n\n### Gate\n\n```runway\ngate: production\n```\n\n"), "alice");
        h.drive(gate);
        h.people.decide(gate, person("bob"), Decision.ABORT, null);
        assertThat(h.drive(gate)).isEqualTo(RunStatus.ABORTED);
        assertCancelled(gate, "gate", "cancelled: aborted by bob at step \"gate\"");

        String timer = h.start(runbook("", "## Soak\n\n### Soak\n\n```runway\nwait: 10m\n```\n\n"), "alice");
        var soaking = new java.util.concurrent.FutureTask<>(() -> h.drive(timer));
        Thread.ofVirtual().start(soaking);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() -> h.state(timer).awaiting() != null);
        h.people.decide(timer, person("alice"), Decision.ABORT, "freeze");
        assertThat(soaking.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(RunStatus.ABORTED);
        assertCancelled(timer, "soak", "cancelled: aborted by alice at step \"soak\": freeze");
    }

    @Test
    void a_gate_left_by_a_rollback_ends_cancelled_and_the_rollback_runs() throws Exception {
        String id = h.start(runbook("", "## Production\n\n### Gate\n\n```runway\ngate: production\n```\n\n"
                + shell("deploy", "touch deployed", "") + ROLLBACK), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        h.people.requestRollback(id, person("frank"), "freeze announced");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
        assertCancelled(id, "gate", "cancelled: the run was rolled back while it waited: " + h.state(id).rollbackReason());
        assertThat(h.state(id).rollbackReason()).contains("frank").contains("freeze announced");
        assertThat(dir.resolve("deployed")).doesNotExist();
        assertThat(dir.resolve("rollback.log")).hasContent("undone");
    }

    @Test
    void a_retried_rollback_waits_again_for_the_task_an_abort_cancelled() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "on_failure: rollback")
                + "## Rollback\n\n- [ ] Tell the on-call channel\n"), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        String task = h.state(id).awaiting().step();
        h.people.decide(id, person("alice"), Decision.ABORT, "channel is down");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLBACK_FAILED);
        assertCancelled(id, task, "cancelled: " + h.state(id).finishReason());

        h.people.requestRollback(id, person("alice"), "channel is back");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        assertThat(h.step(id, task).status()).isEqualTo(StepStatus.WAITING);
        h.people.confirm(id, person("alice"), "posted");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(h.step(id, task).status()).isEqualTo(StepStatus.SUCCEEDED);
    }

    @Test
    void a_journal_from_before_cancelled_waits_still_folds_where_a_retried_rollback_ended_its_wait() throws Exception {
        List<RunEvent> legacyEnds = List.of(new RunEvent.StepSucceeded("x", 1, "confirmed by alice", null),
                new RunEvent.StepSkipped("x", "alice", "nobody on call"), new RunEvent.StepFailed("x", 1, "timed out", null));
        for (RunEvent end : legacyEnds) {
            String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "on_failure: rollback")
                    + "## Rollback\n\n- [ ] Tell the on-call channel\n"), "alice");
            h.drive(id);
            String task = h.state(id).awaiting().step();
            h.people.decide(id, person("alice"), Decision.ABORT, "channel is down");
            assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLBACK_FAILED);
            // What the engine journaled before this change when the rollback was retried: the task's
            // end straight away, with no new wait for it.
            h.append(id, new RunEvent.RollbackStarted("requested by alice"));
            RunEvent ended = switch (end) {
                case RunEvent.StepSucceeded e -> new RunEvent.StepSucceeded(task, e.attempt(), e.detail(), e.output());
                case RunEvent.StepSkipped e -> new RunEvent.StepSkipped(task, e.actor(), e.reason());
                case RunEvent.StepFailed e -> new RunEvent.StepFailed(task, e.attempt(), e.reason(), e.output());
                default -> throw new IllegalArgumentException(end.toString());
            };
            h.append(id, ended);
            StepStatus expected = end instanceof RunEvent.StepFailed ? StepStatus.FAILED
                    : end instanceof RunEvent.StepSkipped ? StepStatus.SKIPPED : StepStatus.SUCCEEDED;
            assertThat(h.step(id, task).status()).isEqualTo(expected);
        }
    }

    /** The step ended cancelled, with {@code detail}, in the fold of the journal and in the stored listing alike. */
    private void assertCancelled(String runId, String stepId, String detail) {
        assertThat(h.step(runId, stepId).status()).isEqualTo(StepStatus.CANCELLED);
        assertThat(h.step(runId, stepId).detail()).isEqualTo(detail);
        assertThat(h.step(runId, stepId).finishedAt()).isNotNull();
        assertThat(h.store.stepLines(runId)).filteredOn(l -> l.id().equals(stepId)).singleElement()
                .satisfies(l -> {
                    assertThat(l.status()).isEqualTo(StepStatus.CANCELLED);
                    assertThat(l.detail()).isEqualTo(detail);
                });
    }

    @Test
    void rollback_can_be_requested_after_success_failure_or_abort() throws Exception {
        String ok = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "true", "") + ROLLBACK), "alice");
        h.drive(ok);
        h.people.requestRollback(ok, person("frank"), "customer reports");
        assertThat(h.drive(ok)).isEqualTo(RunStatus.ROLLED_BACK);
        // What the rollback ran is in the name of the person who asked for it.
        var journal = h.store.load(ok);
        int asked = journal.stream().map(StoredEvent::event).toList().indexOf(new RunEvent.RollbackRequested("frank", "customer reports"));
        assertThat(journal.subList(asked, journal.size())).extracting(StoredEvent::actor).containsOnly("frank");

        String failed = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "on_failure: abort") + ROLLBACK), "alice");
        assertThat(h.drive(failed)).isEqualTo(RunStatus.FAILED);
        h.people.requestRollback(failed, person("alice"), null);
        assertThat(h.drive(failed)).isEqualTo(RunStatus.ROLLED_BACK);

        String aborted = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "") + ROLLBACK), "alice");
        h.drive(aborted);
        h.people.decide(aborted, person("alice"), Decision.ABORT, null);
        h.drive(aborted);
        h.people.requestRollback(aborted, person("alice"), null);
        assertThat(h.drive(aborted)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThatThrownBy(() -> h.people.requestRollback(aborted, person("alice"), null))
                .isInstanceOf(Refusal.class).hasMessage("run " + aborted + " is already rolled-back");
    }

    @Test
    void an_agent_may_not_skip_or_roll_back() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "") + ROLLBACK), "ci");
        h.drive(id);
        assertThatThrownBy(() -> h.people.decide(id, person("ci", "agent"), Decision.SKIP, "x"))
                .isInstanceOf(Refusal.class).hasMessage("ci has the agent role, which may not choose skip on a person's behalf");
        assertThatThrownBy(() -> h.people.requestRollback(id, person("ci", "agent"), null))
                .isInstanceOf(Refusal.class).hasMessage("ci has the agent role, which may not start a rollback");
        h.people.decide(id, person("ci", "agent"), Decision.ABORT, null);
        assertThat(h.drive(id)).isEqualTo(RunStatus.ABORTED);
    }

    @Test
    void manual_tasks_in_the_rollback_section_wait_for_a_person() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "on_failure: rollback")
                + "## Rollback\n\n- [ ] Tell the on-call channel\n"), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        assertThat(h.state(id).phase()).isEqualTo(RunState.Phase.ROLLBACK);
        h.people.confirm(id, person("alice"), "posted");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
    }

    @Test
    void an_interrupted_idempotent_step_runs_again_and_a_completed_one_never_does() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("first", "echo first >> ran.log", "")
                + shell("second", "echo second >> ran.log", "idempotent: true")), "alice");
        h.append(id, new RunEvent.StepStarted("first", 1));
        h.append(id, new RunEvent.StepSucceeded("first", 1, "exit 0", ""));
        h.crashDuring(id, "second");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(Files.readAllLines(dir.resolve("ran.log"))).containsExactly("second");
        assertThat(h.step(id, "second").attempt()).isEqualTo(2);
    }

    @Test
    void what_runs_after_a_person_resumes_a_run_is_journaled_in_their_name() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("first", "true", "")
                + shell("second", "true", "idempotent: true") + shell("third", "true", "")), "alice");
        h.append(id, new RunEvent.StepStarted("first", 1));
        h.append(id, new RunEvent.StepSucceeded("first", 1, "exit 0", ""));
        h.crashDuring(id, "second");
        assertThat(h.engine.drive(id, h.plan(h.state(id).start()), true, RunListener.NONE, "bob")).isEqualTo(RunStatus.SUCCEEDED);

        var journal = h.store.load(id);
        int resumedAt = journal.stream().map(StoredEvent::event).toList().indexOf(new RunEvent.RunResumed("bob"));
        assertThat(resumedAt).isPositive();
        assertThat(journal.get(resumedAt).actor()).isEqualTo("bob");
        assertThat(journal.subList(resumedAt + 1, journal.size())).extracting(StoredEvent::actor).containsOnly("bob");
        assertThat(journal.subList(0, resumedAt)).extracting(StoredEvent::actor).doesNotContain("bob");
        assertThat(h.state(id).initiator()).isEqualTo("alice");
        assertThat(h.state(id).driver()).isEqualTo("bob");
    }

    @Test
    void resuming_an_ended_run_journals_no_resume() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("only", "true", "")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        int before = h.store.load(id).size();
        assertThat(h.engine.drive(id, h.plan(h.state(id).start()), true, RunListener.NONE, "bob")).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.store.load(id)).hasSize(before);
    }

    @Test
    void an_interrupted_step_that_is_not_idempotent_waits_for_a_decision() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("migrate", "echo migrated >> ran.log", "")
                + shell("after", "true", "")), "alice");
        h.crashDuring(id, "migrate");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        assertThat(h.step(id, "migrate").status()).isEqualTo(StepStatus.INTERRUPTED);
        assertThat(h.state(id).awaiting().reason()).startsWith("step \"migrate\" was running (attempt 1) when Runway stopped");
        h.people.decide(id, person("alice"), Decision.SKIP, "checked by hand: the migration had completed");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(dir.resolve("ran.log")).doesNotExist();
    }

    @Test
    void aborting_an_interrupted_rollback_leaves_the_run_rollback_failed() throws Exception {
        String id = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "on_failure: rollback")
                + "## Rollback\n\n" + shell("undo", "true", "") + shell("verify", "true", "")), "alice");
        h.drive(id);
        // Re-open the finished run's rollback as if the process had died inside it.
        String id2 = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "exit 1", "on_failure: rollback")
                + "## Rollback\n\n" + shell("undo", "sleep 0", "")), "alice");
        h.append(id2, new RunEvent.RollbackStarted("test"));
        h.crashDuring(id2, "undo");
        assertThat(h.drive(id2)).isEqualTo(RunStatus.WAITING);
        h.people.decide(id2, person("alice"), Decision.ABORT, "escalating to the DBA");
        assertThat(h.drive(id2)).isEqualTo(RunStatus.ROLLBACK_FAILED);
        assertThat(h.state(id2).finishReason()).isEqualTo("rollback aborted by alice: escalating to the DBA");
    }

    @Test
    void an_illegal_move_names_the_run_the_state_and_the_trigger() {
        assertThatThrownBy(() -> Lifecycle.run("r-1", RunStatus.SUCCEEDED, "await"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("run r-1 cannot await from state succeeded");
        assertThatThrownBy(() -> Lifecycle.step("r-1", "deploy", StepStatus.SUCCEEDED, "start"))
                .isInstanceOf(IllegalTransitionException.class)
                .hasMessage("run r-1: step deploy cannot start from state succeeded");
    }

    @Test
    void a_second_run_of_the_same_target_is_refused_while_the_first_is_unfinished() throws Exception {
        String first = h.start(runbook("", "## Deploy\n\n- [ ] wait for me\n"), "alice");
        h.drive(first);
        RunState s = h.state(first);
        assertThatThrownBy(() -> h.engine.start("other", "rb-1@test", s.start(), h.plan(s.start())))
                .isInstanceOf(JournalStore.LockedException.class)
                .hasMessage("rb-1@test is locked by run " + first + "; finish, abort or roll back that run first");
    }

    @Test
    void rolling_back_an_ended_run_holds_its_target_until_the_rollback_ends() throws Exception {
        String ended = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "true", "") + ROLLBACK), "alice");
        assertThat(h.drive(ended)).isEqualTo(RunStatus.SUCCEEDED);
        RunState s = h.state(ended);
        h.people.requestRollback(ended, person("alice"), "customer reports");
        assertThatThrownBy(() -> h.engine.start("newer", "rb-1@test", s.start(), h.plan(s.start())))
                .isInstanceOf(JournalStore.LockedException.class)
                .hasMessage("rb-1@test is locked by run " + ended + "; finish, abort or roll back that run first");
        assertThat(h.drive(ended)).isEqualTo(RunStatus.ROLLED_BACK);
        h.engine.start("newer", "rb-1@test", s.start(), h.plan(s.start()));
    }

    @Test
    void an_ended_run_is_not_rolled_back_over_a_newer_run_of_the_same_target() throws Exception {
        String ended = h.start(runbook("", "## Deploy\n\n" + shell("deploy", "true", "") + ROLLBACK), "alice");
        assertThat(h.drive(ended)).isEqualTo(RunStatus.SUCCEEDED);
        RunState s = h.state(ended);
        h.engine.start("newer", "rb-1@test", s.start(), h.plan(s.start()));
        int before = h.state(ended).events().size();
        assertThatThrownBy(() -> h.people.requestRollback(ended, person("alice"), "customer reports"))
                .isInstanceOf(Refusal.class)
                .hasMessage("cannot roll back run " + ended + " now: rb-1@test is locked by run newer;"
                        + " finish, abort or roll back that run first");
        assertThat(h.state(ended).events()).hasSize(before);
        assertThat(h.state(ended).status()).isEqualTo(RunStatus.SUCCEEDED);
    }

    private static final String WATCHED = "monitors:\n  errors: { command: 'cat errors.txt', every: 200ms }\n"
            + "triggers:\n  - errors.value > 5 for 400ms\nrollback_deadline: 2s\n";

    @Test
    void after_success_the_run_watches_its_triggers_until_the_rollback_deadline() throws Exception {
        Files.writeString(dir.resolve("errors.txt"), "0\n");
        String id = h.start(runbook(WATCHED, "## Production\n\n" + shell("deploy", "true", "") + ROLLBACK), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        RunState state = h.state(id);
        assertThat(state.events()).anyMatch(e -> e.event() instanceof RunEvent.WatchStarted);
        assertThat(state.finishReason()).isEqualTo("all steps completed; no trigger fired before the rollback deadline");
        assertThat(java.time.Duration.between(h.step(id, "deploy").startedAt(), state.finishedAt()))
                .isGreaterThanOrEqualTo(java.time.Duration.ofSeconds(2));
        assertThat(dir.resolve("rollback.log")).doesNotExist();
    }

    @Test
    void a_trigger_that_fires_while_watching_rolls_the_release_back_by_itself() throws Exception {
        Files.writeString(dir.resolve("errors.txt"), "9\n");
        String id = h.start(runbook(WATCHED, "## Production\n\n" + shell("deploy", "true", "") + ROLLBACK), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(h.state(id).rollbackReason()).startsWith("while watching: rule \"errors.value > 5 for 400ms\" fired at ");
        assertThat(Files.readString(dir.resolve("rollback.log"))).isEqualTo("undone\n");
    }

    @Test
    void a_person_can_roll_back_a_watched_release_before_the_deadline() throws Exception {
        Files.writeString(dir.resolve("errors.txt"), "0\n");
        String front = WATCHED.replace("rollback_deadline: 2s", "rollback_deadline: 60s");
        String id = h.start(runbook(front, "## Production\n\n" + shell("deploy", "true", "") + ROLLBACK), "alice");
        var driving = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return h.drive(id);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> h.state(id).status() == RunStatus.WATCHING);
        h.people.requestRollback(id, person("bob"), "customers report slow checkout");
        assertThat(driving.get(15, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(h.state(id).rollbackReason()).isEqualTo("requested by bob: customers report slow checkout");
    }

    @Test
    void a_run_past_its_rollback_deadline_does_not_watch() throws Exception {
        String front = "monitors:\n  errors: { command: 'echo 0' }\ntriggers:\n  - errors.value > 5\nrollback_deadline: 1ms\n";
        String id = h.start(runbook(front, "## Production\n\n" + shell("deploy", "sleep 0.05", "")), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.state(id).events()).noneMatch(e -> e.event() instanceof RunEvent.WatchStarted);
    }

    @Test
    void a_gate_stopped_by_unreadable_triggers_waits_again_when_a_person_chooses_retry() throws Exception {
        String front = "monitors:\n  errors: { command: 'cat errors.txt', every: 200ms, unreadable_after: 2 }\n"
                + "triggers:\n  - errors.value > 5\nrollback_deadline: 3s\n";
        String id = h.start(runbook(front, "## Production\n\n### Go\n\n```runway\ngate: default\n```\n\n" + ROLLBACK), "alice");
        // Driven as a server drives: only a driving process samples the triggers while the gate waits.
        var driving = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return h.engine.drive(id, h.plan(h.state(id).start()), false, RunListener.NONE);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> h.state(id).awaiting() != null && h.state(id).awaiting().await() == RunEvent.Await.DECISION);
        assertThat(h.step(id, "go").status()).isEqualTo(StepStatus.FAILED);
        assertThat(h.state(id).awaiting().reason()).startsWith("step \"go\" could not verify: the runbook's triggers could not be "
                + "checked, so the step was stopped: monitor \"errors\" could not be read 2 times in a row");
        Files.writeString(dir.resolve("errors.txt"), "0\n");
        h.people.decide(id, person("alice"), Decision.RETRY, null);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> h.state(id).awaiting() != null && h.state(id).awaiting().await() == RunEvent.Await.GATE);
        assertThat(h.step(id, "go").status()).isEqualTo(StepStatus.WAITING);
        h.people.approve(id, person("bob"), null);
        assertThat(driving.get(15, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(RunStatus.SUCCEEDED);
    }

    @AfterAll
    static void every_declared_transition_is_exercised() {
        assertThat(Lifecycle.exercised())
                .as("transitions declared in Lifecycle.TABLE that no scenario reached")
                .containsAll(Lifecycle.TABLE);
    }
}
