package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Approval gates decided by other processes, four eyes, quorum, roles, the lock, manual tasks, a gate left by an abort. */
class GatesIT {

    @TempDir Path dir;
    RunwayProcess runway;
    RunwayProcess.Background background;

    @BeforeEach
    void setUp() {
        runway = new RunwayProcess(dir.resolve("home"), dir).withUsers("""
                  alice: [release-manager]
                  bob: [approver]
                  carol: [approver]
                  dave: [viewer]
                """);
    }

    @AfterEach
    void stopBackground() {
        if (background != null) background.kill();
    }

    private void gatedRunbook(int count) {
        aRunbook("Gated release")
                .front("approvals:")
                .front("  production: { roles: [approver], count: " + count + ", not_initiator: true }")
                .section("Staging")
                .withShellStep("Build", "echo built")
                .section("Production")
                .withGate("Approve", "production")
                .withShellStep("Deploy", "echo deployed > deployed.txt")
                .writeTo(dir);
    }

    private String runToGate() {
        RunwayProcess.Result run = runway.run("run", "runbook.md", "--as", "alice", "--no-wait", "--json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.json().get("awaiting").get("kind").asText()).isEqualTo("gate");
        return run.runId();
    }

    /** Starts a run of a one-approval gated runbook in a background process that waits at the gate. */
    private String runInBackgroundToGate() {
        gatedRunbook(1);
        background = runway.start("run", "runbook.md", "--as", "alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> background.stderrSoFar().contains("approval needed for gate \"production\""));
        return runway.newestRun();
    }

    @Test
    void a_run_waiting_at_a_gate_finishes_when_another_process_approves() {
        String runId = runInBackgroundToGate();
        assertThat(runway.status(runId)).isEqualTo("waiting");

        RunwayProcess.Result approve = runway.run("approve", runId, "--as", "bob", "--comment", "looks good");
        assertThat(approve.exit()).as(approve.toString()).isZero();
        assertThat(approve.stdout().strip()).isEqualTo("approved approve of run " + runId + " as bob");

        RunwayProcess.Result run = background.await(Duration.ofSeconds(30));
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(runway.status(runId)).isEqualTo("succeeded");
        assertThat(dir.resolve("deployed.txt")).exists();
        assertThat(runway.run("status", runId, "--json").json().get("steps").get(1).get("approved_by").get(0).asText()).isEqualTo("bob");
    }

    @Test
    void status_of_a_run_a_live_process_waits_in_says_that_process_continues_once_approved_not_to_resume() {
        String runId = runInBackgroundToGate();

        String status = runway.run("status", runId).stdout();

        assertThat(status).containsPattern("\n  then:     the process driving it \\([^)]+:\\d+:\\d+\\) continues once it is approved\n")
                .doesNotContain("runway resume");
        assertThat(runway.run("resume", runId, "--as", "alice", "--no-wait").stderr()).contains("is being driven by process");
    }

    @Test
    void the_initiator_cannot_approve_their_own_gate_and_the_refusal_is_journaled() {
        gatedRunbook(1);
        String runId = runToGate();

        RunwayProcess.Result self = runway.run("approve", runId, "--as", "alice");

        assertThat(self.exit()).isEqualTo(2);
        assertThat(self.stderr().strip())
                .isEqualTo("runway: alice started this run and gate \"production\" needs someone else to approve (four eyes)");
        assertThat(runway.status(runId)).isEqualTo("waiting");
        assertThat(runway.run("report", runId).stdout()).contains("| alice | action.denied | approve | refused approve: "
                + "alice started this run and gate \"production\" needs someone else to approve (four eyes) |");
        assertThat(runway.run("report", runId, "--format", "json").stdout()).contains("\"action.denied\"");
        assertThat(runway.run("audit", "verify").exit()).isZero();
    }

    @Test
    void a_quorum_of_two_needs_two_different_approvers() {
        gatedRunbook(2);
        String runId = runToGate();

        assertThat(runway.run("approve", runId, "--as", "bob").exit()).isZero();
        RunwayProcess.Result again = runway.run("approve", runId, "--as", "bob");
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.stderr().strip())
                .isEqualTo("runway: bob has already approved gate \"production\"; approvals must come from 2 different people");
        RunwayProcess.Result stillWaiting = runway.run("resume", runId, "--no-wait", "--as", "alice");
        assertThat(stillWaiting.exit()).as(stillWaiting.toString()).isEqualTo(4);
        assertThat(stillWaiting.stdout()).contains("  approved so far by bob (1 of 2)\n");
        assertThat(dir.resolve("deployed.txt")).doesNotExist();

        assertThat(runway.run("approve", runId, "--as", "carol").exit()).isZero();
        RunwayProcess.Result resume = runway.run("resume", runId, "--as", "alice");

        assertThat(resume.exit()).as(resume.toString()).isZero();
        assertThat(runway.run("status", runId, "--json").json().get("steps").get(1).get("approved_by").toString())
                .isEqualTo("[\"bob\",\"carol\"]");
    }

    @Test
    void a_person_without_the_gates_role_cannot_approve() {
        gatedRunbook(1);
        String runId = runToGate();

        RunwayProcess.Result viewer = runway.run("approve", runId, "--as", "dave");

        assertThat(viewer.exit()).isEqualTo(2);
        // users.yaml lists people, so the CLI checks roles as the server's approve route does, before the gate's policy.
        assertThat(viewer.stderr().strip())
                .isEqualTo("runway: dave (viewer) may not approve: it needs one of the roles approver, release-manager, admin");
        assertThat(runway.status(runId)).isEqualTo("waiting");
    }

    @Test
    void rejecting_the_gate_aborts_the_run() {
        gatedRunbook(1);
        String runId = runToGate();

        assertThat(runway.run("reject", runId, "--as", "bob", "--comment", "not today").exit()).isZero();
        RunwayProcess.Result resume = runway.run("resume", runId, "--as", "alice");

        assertThat(resume.exit()).as(resume.toString()).isEqualTo(1);
        assertThat(resume.stdout()).startsWith("run " + runId + " aborted: gate \"approve\" rejected by bob: not today");
        assertThat(runway.status(runId)).isEqualTo("aborted");
        assertThat(dir.resolve("deployed.txt")).doesNotExist();
    }

    @Test
    void no_wait_stops_at_the_gate_and_approve_then_resume_finishes() {
        gatedRunbook(1);
        String runId = runToGate();
        assertThat(runway.status(runId)).isEqualTo("waiting");

        assertThat(runway.run("approve", runId, "--as", "bob").exit()).isZero();
        RunwayProcess.Result resume = runway.run("resume", runId, "--as", "alice");

        assertThat(resume.exit()).as(resume.toString()).isZero();
        assertThat(runway.status(runId)).isEqualTo("succeeded");
        assertThat(dir.resolve("deployed.txt")).exists();
    }

    @Test
    void the_record_names_who_resumed_a_run_and_what_ran_after_runs_in_their_name() {
        runway.withUsers("  alice: [release-manager]\n  bob: [approver]\n  carol: [operator]\n");
        gatedRunbook(1);
        String runId = runToGate();
        assertThat(runway.run("approve", runId, "--as", "bob").exit()).isZero();

        RunwayProcess.Result resume = runway.run("resume", runId, "--as", "carol");

        assertThat(resume.exit()).as(resume.toString()).isZero();
        assertThat(resume.stderr()).contains("▶ resumed by carol");
        String report = runway.run("report", runId).stdout();
        assertThat(report).containsPattern("\\| alice \\| run\\.started \\|")
                .containsPattern("\\| bob \\| gate\\.approved \\| approve \\|")
                .containsPattern("\\| carol \\| run\\.resumed \\|  \\| resumed; what follows runs in carol's name \\|")
                .containsPattern("\\| carol \\| step\\.started \\| deploy \\|")
                .containsPattern("\\| carol \\| run\\.finished \\|");
        assertThat(runway.run("status", runId, "--json").json().get("initiator").asText()).isEqualTo("alice");
        assertThat(runway.run("audit", "verify").exit()).isZero();
    }

    @Test
    void approving_a_run_that_is_not_at_a_gate_is_refused() {
        gatedRunbook(1);
        String runId = runToGate();
        runway.run("approve", runId, "--as", "bob");
        runway.run("resume", runId, "--as", "alice");

        RunwayProcess.Result late = runway.run("approve", runId, "--as", "carol");

        assertThat(late.exit()).isEqualTo(2);
        assertThat(late.stderr().strip()).isEqualTo("runway: cannot approve: run " + runId + " is succeeded, not waiting for an approval");
    }

    @Test
    void a_second_run_of_the_same_runbook_is_refused_while_the_first_waits_at_a_gate() {
        String first = runInBackgroundToGate();

        RunwayProcess.Result second = runway.run("run", "runbook.md", "--as", "alice", "--no-wait");

        assertThat(second.exit()).isEqualTo(2);
        assertThat(second.stderr().strip())
                .isEqualTo("runway: Gated release@default is locked by run " + first + "; finish, abort or roll back that run first");
        assertThat(runway.run("history", "--json").json().size()).isEqualTo(1);
        runway.run("reject", first, "--as", "alice");
        assertThat(background.await(Duration.ofSeconds(30)).exit()).isEqualTo(1);
    }

    @Test
    void confirm_manual_confirms_tasks_for_the_initiator_but_never_passes_a_gate() {
        aRunbook("Manual release")
                .section("Prepare")
                .task("Tell the support team about the release")
                .withShellStep("Build", "echo built")
                .withGate("Approve", "production")
                .withShellStep("Deploy", "echo deployed > deployed.txt")
                .writeTo(dir);

        RunwayProcess.Result run = runway.run("run", "runbook.md", "--as", "alice", "--confirm-manual", "--no-wait", "--json");

        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.json().get("awaiting").get("kind").asText()).isEqualTo("gate");
        assertThat(run.json().get("steps").get(0).get("status").asText()).isEqualTo("succeeded");
        // The name alone, as approved_by holds names; that it was on the initiator's behalf is a flag beside it.
        assertThat(run.json().get("steps").get(0).get("confirmed_by").asText()).isEqualTo("alice");
        assertThat(run.json().get("steps").get(0).get("confirmation").get("on_behalf").asBoolean()).isTrue();
        String report = runway.run("report", run.runId()).stdout();
        assertThat(report).contains("- [x] Tell the support team about the release").contains("alice (confirmed on the initiator's behalf by --confirm-manual)");
        assertThat(dir.resolve("deployed.txt")).doesNotExist();
    }

    @Test
    void starting_resuming_and_confirm_manual_need_the_roles_that_may_do_them_once_users_yaml_lists_people() {
        runway.withUsers("  alice: [release-manager]\n  bob: [approver]\n  ci: [agent]\n  dave: [viewer]\n");
        aRunbook("Manual release")
                .section("Prepare")
                .task("Tell the support team about the release")
                .withShellStep("Build", "echo built > built.txt")
                .writeTo(dir);

        RunwayProcess.Result viewer = runway.run("run", "runbook.md", "--as", "dave");
        RunwayProcess.Result agent = runway.run("run", "runbook.md", "--as", "ci", "--confirm-manual");

        assertThat(viewer.exit()).isEqualTo(2);
        assertThat(viewer.stderr().strip()).isEqualTo(
                "runway: dave (viewer) may not start a run: it needs one of the roles operator, release-manager, admin, agent");
        assertThat(agent.exit()).isEqualTo(2);
        assertThat(agent.stderr().strip()).isEqualTo(
                "runway: ci (agent) may not confirm manual tasks (--confirm-manual): it needs one of the roles operator, release-manager, admin");
        assertThat(dir.resolve("built.txt")).doesNotExist();
        assertThat(runway.run("history", "--json").json()).isEmpty();

        RunwayProcess.Result waiting = runway.run("run", "runbook.md", "--as", "ci", "--no-wait", "--json");
        assertThat(waiting.exit()).as(waiting.toString()).isEqualTo(4);
        RunwayProcess.Result resume = runway.run("resume", waiting.runId(), "--as", "dave");
        assertThat(resume.exit()).isEqualTo(2);
        assertThat(resume.stderr().strip()).isEqualTo(
                "runway: dave (viewer) may not resume: it needs one of the roles operator, release-manager, admin, agent");
        assertThat(runway.run("report", waiting.runId()).stdout()).contains("refused resume: dave (viewer) may not resume");
    }

    @Test
    void without_confirm_manual_a_task_waits_until_someone_confirms_it() {
        aRunbook("Manual release")
                .section("Prepare")
                .task("Tell the support team about the release")
                .withShellStep("Build", "echo built > built.txt")
                .writeTo(dir);
        RunwayProcess.Result run = runway.run("run", "runbook.md", "--as", "alice", "--no-wait", "--json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        assertThat(run.json().get("awaiting").get("kind").asText()).isEqualTo("manual");
        assertThat(dir.resolve("built.txt")).doesNotExist();

        // Confirming a task is an operator's act (as on the server's confirm route): bob, an approver, may not.
        RunwayProcess.Result approver = runway.run("confirm", run.runId(), "--as", "bob");
        assertThat(approver.exit()).isEqualTo(2);
        assertThat(approver.stderr().strip())
                .isEqualTo("runway: bob (approver) may not confirm: it needs one of the roles operator, release-manager, admin");
        RunwayProcess.Result confirm = runway.run("confirm", run.runId(), "--as", "alice");
        assertThat(confirm.exit()).as(confirm.toString()).isZero();
        RunwayProcess.Result resume = runway.run("resume", run.runId(), "--json", "--as", "alice");

        assertThat(resume.exit()).as(resume.toString()).isZero();
        assertThat(resume.json().get("steps").get(0).get("confirmed_by").asText()).isEqualTo("alice");
        assertThat(runway.run("report", run.runId()).stdout()).contains("- [x] Tell the support team about the release");
        assertThat(dir.resolve("built.txt")).exists();
    }

    private String abortedAtTheGate() {
        gatedRunbook(1);
        String runId = runToGate();
        RunwayProcess.Result decide = runway.run("decide", runId, "abort", "--as", "alice", "--reason", "freeze");
        assertThat(decide.exit()).as(decide.toString()).isZero();
        RunwayProcess.Result resume = runway.run("resume", runId, "--as", "alice");
        assertThat(resume.exit()).as(resume.toString()).isEqualTo(ExitCodes.FAILED);
        return runId;
    }

    private void assertShownCancelled(String runId) {
        JsonNode steps = runway.run("status", runId, "--json").json().get("steps");
        assertThat(steps.get(1).get("id").asText()).isEqualTo("approve");
        assertThat(steps.get(1).get("status").asText()).isEqualTo("cancelled");
        assertThat(steps.get(1).get("detail").asText()).isEqualTo("cancelled: aborted by alice at step \"approve\": freeze");
        assertThat(steps.get(2).get("status").asText()).as("the deploy never ran").isEqualTo("not-run");
        assertThat(runway.run("status", runId).stdout())
                .contains("  cancelled   gate    approve  — cancelled: aborted by alice at step \"approve\": freeze\n")
                .contains("  not-run     shell   deploy\n");
        assertThat(runway.run("report", runId).stdout()).contains("⊘ **cancelled** `approve`");
        RunwayProcess.Result verify = runway.run("audit", "verify");
        assertThat(verify.exit()).as(verify.toString()).isZero();
        assertThat(verify.stdout()).contains("read model matches the journal");
    }

    @Test
    void a_gate_the_run_was_aborted_at_is_cancelled_not_waiting() {
        assertShownCancelled(abortedAtTheGate());
    }

    @Test
    void a_home_from_before_cancelled_waits_is_brought_up_to_date_and_still_verifies() throws Exception {
        String runId = abortedAtTheGate();
        // Put the home back as schema 5 wrote it: the gate's row stayed waiting.
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("home/runway.db"));
             Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE run_steps SET status = 'WAITING', finished_at = NULL, detail = NULL WHERE step_id = 'approve'");
            s.executeUpdate("ALTER TABLE runs DROP COLUMN awaiting_approvals");
            s.executeUpdate("DELETE FROM flyway_schema_history WHERE version IN ('6', '7')");
            s.execute("PRAGMA user_version = 5");
        }
        // The first command to open it upgrades it.
        assertShownCancelled(runId);
    }
}
