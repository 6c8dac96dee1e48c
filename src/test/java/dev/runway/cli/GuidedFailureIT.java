package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed step waits for a person; each of the four choices, and the three automatic policies. */
class GuidedFailureIT {

    /** Fails the first time (leaving a marker), passes from the second attempt on. */
    private static final String FLAKY = """
            if [ -f flaky.marker ]; then echo second-time-lucky; else touch flaky.marker; echo "first attempt broke" >&2; exit 3; fi""";

    @TempDir Path dir;
    RunwayProcess runway;

    @BeforeEach
    void setUp() {
        runway = new RunwayProcess(dir.resolve("home"), dir);
    }

    private void writeRunbook(String flakyDirective) {
        var rb = aRunbook("Flaky release")
                .section("Deploy")
                .withShellStep("Prepare", "echo prepared");
        if (flakyDirective == null) rb.withShellStep("Flaky", FLAKY);
        else rb.withShellStep("Flaky", flakyDirective, FLAKY);
        rb.withShellStep("Finish", "echo finished > finished.txt")
                .rollback()
                .withShellStep("Undo", "echo undone > undone.txt")
                .writeTo(dir);
    }

    private String runUntilDecision() {
        writeRunbook(null);
        RunwayProcess.Result run = runway.run("run", "runbook.md", "--no-wait", "--json", "--as", "alice");
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        return run.runId();
    }

    @Test
    void a_failed_step_waits_for_a_decision_and_no_wait_exits_4() {
        String runId = runUntilDecision();

        JsonNode status = runway.run("status", runId, "--json").json();
        assertThat(status.get("status").asText()).isEqualTo("waiting");
        assertThat(status.get("awaiting").get("step").asText()).isEqualTo("flaky");
        assertThat(status.get("awaiting").get("kind").asText()).isEqualTo("decision");
        assertThat(status.get("awaiting").get("reason").asText()).isEqualTo("step \"flaky\" failed: exit 3");
        assertThat(dir.resolve("finished.txt")).doesNotExist();
    }

    @Test
    void once_users_yaml_lists_people_a_decision_needs_a_role_that_may_decide() {
        runway.withUsers("  alice: [release-manager]\n  dave: [viewer]\n");
        String runId = runUntilDecision();

        RunwayProcess.Result unlisted = runway.run("decide", runId, "skip", "--reason", "why not", "--as", "mallory");
        RunwayProcess.Result viewer = runway.run("decide", runId, "abort", "--as", "dave");

        assertThat(unlisted.exit()).isEqualTo(2);
        assertThat(unlisted.stderr().strip()).isEqualTo(
                "runway: mallory (no role in users.yaml) may not decide: it needs one of the roles operator, release-manager, admin, agent");
        assertThat(viewer.exit()).isEqualTo(2);
        assertThat(viewer.stderr().strip()).isEqualTo(
                "runway: dave (viewer) may not decide: it needs one of the roles operator, release-manager, admin, agent");
        JsonNode report = runway.run("report", runId, "--format", "json").json();
        assertThat(report.toString()).contains("mallory (no role in users.yaml) may not decide");
        assertThat(runway.run("decide", runId, "retry", "--as", "alice").exit()).isZero();
        RunwayProcess.Result second = runway.run("decide", runId, "abort", "--as", "alice");
        assertThat(second.exit()).isEqualTo(2);
        assertThat(second.stderr().strip()).isEqualTo("runway: step \"flaky\" of run " + runId
                + " already has a decision: retry by alice; it takes effect when a process drives the run (runway resume " + runId + ")");
        assertThat(runway.run("resume", runId, "--as", "alice").exit()).isZero();
    }

    @Test
    void retry_runs_the_step_again_and_the_run_succeeds() {
        String runId = runUntilDecision();

        RunwayProcess.Result decide = runway.run("decide", runId, "retry");
        assertThat(decide.exit()).as(decide.toString()).isZero();
        assertThat(decide.stdout()).isEqualTo("decided retry for flaky of run " + runId + " as " + System.getProperty("user.name") + "\n"
                + "no process drives this run: the decision takes effect when it is resumed (runway resume " + runId + ")\n");
        RunwayProcess.Result resume = runway.run("resume", runId, "--json");

        assertThat(resume.exit()).as(resume.toString()).isZero();
        assertThat(runway.status(runId)).isEqualTo("succeeded");
        JsonNode flaky = resume.json().get("steps").get(1);
        assertThat(flaky.get("status").asText()).isEqualTo("succeeded");
        assertThat(flaky.get("attempt").asInt()).isEqualTo(2);
        assertThat(dir.resolve("finished.txt")).exists();
    }

    @Test
    void skip_with_a_reason_carries_on_and_the_reason_is_in_the_report() {
        String runId = runUntilDecision();

        assertThat(runway.run("decide", runId, "skip", "--reason", "known flaky, tracked in OPS-12").exit()).isZero();
        RunwayProcess.Result resume = runway.run("resume", runId, "--json");

        assertThat(resume.exit()).as(resume.toString()).isZero();
        assertThat(resume.json().get("status").asText()).isEqualTo("succeeded");
        assertThat(resume.json().get("steps").get(1).get("status").asText()).isEqualTo("skipped");
        String report = runway.run("report", runId).stdout();
        assertThat(report).contains("↷ **skipped** `flaky`")
                .contains("decided skip by " + System.getProperty("user.name") + ": known flaky, tracked in OPS-12");
        assertThat(dir.resolve("finished.txt")).exists();
    }

    @Test
    void skip_without_a_reason_is_refused() {
        String runId = runUntilDecision();

        RunwayProcess.Result skip = runway.run("decide", runId, "skip");

        assertThat(skip.exit()).isEqualTo(2);
        assertThat(skip.stderr().strip()).isEqualTo("runway: skipping step \"flaky\" needs a reason (--reason \"…\")");
        assertThat(runway.status(runId)).isEqualTo("waiting");
    }

    @Test
    void rollback_runs_the_rollback_section_and_exits_3() {
        String runId = runUntilDecision();

        assertThat(runway.run("decide", runId, "rollback").exit()).isZero();
        RunwayProcess.Result resume = runway.run("resume", runId);

        assertThat(resume.exit()).as(resume.toString()).isEqualTo(3);
        assertThat(runway.status(runId)).isEqualTo("rolled-back");
        assertThat(dir.resolve("undone.txt")).exists();
        assertThat(dir.resolve("finished.txt")).doesNotExist();
    }

    @Test
    void abort_ends_the_run_aborted_with_exit_1() {
        String runId = runUntilDecision();

        assertThat(runway.run("decide", runId, "abort").exit()).isZero();
        RunwayProcess.Result resume = runway.run("resume", runId);

        assertThat(resume.exit()).as(resume.toString()).isEqualTo(1);
        assertThat(runway.status(runId)).isEqualTo("aborted");
        assertThat(dir.resolve("undone.txt")).doesNotExist();
        assertThat(dir.resolve("finished.txt")).doesNotExist();
    }

    @Test
    void on_failure_rollback_rolls_back_without_asking() {
        writeRunbook("on_failure: rollback");

        RunwayProcess.Result run = runway.run("run", "runbook.md", "--no-wait", "--json");

        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.json().get("status").asText()).isEqualTo("rolled-back");
        assertThat(dir.resolve("undone.txt")).exists();
        assertThat(dir.resolve("finished.txt")).doesNotExist();
    }

    @Test
    void on_failure_abort_fails_the_run_without_asking() {
        writeRunbook("on_failure: abort");

        RunwayProcess.Result run = runway.run("run", "runbook.md", "--no-wait", "--json");

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.json().get("status").asText()).isIn("failed", "aborted");
        assertThat(dir.resolve("undone.txt")).doesNotExist();
        assertThat(dir.resolve("finished.txt")).doesNotExist();
    }

    @Test
    void on_failure_continue_carries_on_with_the_next_step() {
        writeRunbook("on_failure: continue");

        RunwayProcess.Result run = runway.run("run", "runbook.md", "--no-wait", "--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(run.json().get("status").asText()).isEqualTo("succeeded");
        // the failure stays in the journal; the step is then passed over by the policy, saying why
        JsonNode flaky = run.json().get("steps").get(1);
        assertThat(flaky.get("status").asText()).isEqualTo("skipped");
        assertThat(flaky.get("detail").asText()).isEqualTo("skipped by runway: on_failure: continue after exit 3");
        assertThat(runway.run("report", run.runId()).stdout()).contains("| step.failed | flaky | exit 3 |");
        assertThat(dir.resolve("finished.txt")).exists();
    }

    /** Runs a one-step runbook whose output does not match {@code expected}: the run waits for a decision on it. */
    private RunwayProcess.Result runMismatch(String step, String script, String expected) {
        aRunbook("Mismatch").section("Check").step(step).shell(script).expectedOutput(expected).writeTo(dir);
        RunwayProcess.Result run = runway.run("run", "runbook.md", "--no-wait");
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        return run;
    }

    private String firstStepDetail(String runId) {
        return runway.run("status", runId, "--json").json().get("steps").get(0).get("detail").asText();
    }

    @Test
    void an_expected_output_mismatch_shows_the_missing_line_next_to_the_actual_output() {
        RunwayProcess.Result run = runMismatch("Version", "echo 'service v1.4.0 starting'\necho 'listening on 8080'",
                "service v1.4.0 starting\nlistening on 9090");

        String runId = runway.newestRun();
        String detail = firstStepDetail(runId);
        String mismatch = """
                expected output line 2 not found: listening on 9090
                expected (line 2) | actual output
                listening on 9090 | service v1.4.0 starting
                                  | listening on 8080""";
        assertThat(detail).isEqualTo(mismatch);
        assertThat(run.stdout()).contains("run " + runId + " waiting at step \"version\": step \"version\" failed: " + mismatch);
        assertThat(runway.run("status", runId).stdout()).contains(mismatch);
    }

    @Test
    void expected_lines_that_came_out_of_order_are_reported_as_out_of_order_not_as_missing() {
        runMismatch("Print", "echo second\necho first", "first\nsecond");

        assertThat(firstStepDetail(runway.newestRun())).startsWith("expected output line 2 (\"second\") appears at output line 1,"
                + " before expected line 1 matched at output line 2: the lines are out of order\n");
    }

    @Test
    void a_failed_rollback_says_how_to_retry_it_and_rollback_retries_it_from_the_failed_step() throws Exception {
        aRunbook("Rollback retry")
                .section("Deploy")
                .withShellStep("Deploy", "on_failure: rollback", "exit 1")
                .rollback()
                .withShellStep("Restore", "echo restored >> restored.txt")
                .withShellStep("Verify", "test -f registry.up || { echo 'registry down' >&2; exit 7; }")
                .writeTo(dir);

        RunwayProcess.Result run = runway.run("run", "runbook.md");
        String runId = runway.newestRun();

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.stdout()).contains("run " + runId + " rollback-failed: rollback step \"verify\" failed: exit 7")
                .contains("  retry:    runway rollback " + runId + " --reason …");

        java.nio.file.Files.writeString(dir.resolve("registry.up"), "");
        RunwayProcess.Result retry = runway.run("rollback", runId, "--as", "bob", "--reason", "registry is back", "--json");

        assertThat(retry.exit()).as(retry.toString()).isEqualTo(3);
        JsonNode outcome = retry.json();
        assertThat(outcome.get("status").asText()).isEqualTo("rolled-back");
        assertThat(outcome.get("reason").asText()).isEqualTo("rollback plan completed: retried by bob: registry is back"
                + " (earlier: rollback step \"verify\" failed: exit 7)");
        assertThat(java.nio.file.Files.readString(dir.resolve("restored.txt"))).isEqualTo("restored\n");
        assertThat(runway.run("report", runId).stdout()).contains("| rollback.requested |").contains("bob");
        assertThat(runway.run("audit", "verify").exit()).isZero();
    }
}
