package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runway.app.InProcessRunway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who decided what, as {@code status} and {@code report} show it, and what a person's act on a run
 * that no process drives says: after {@code run --no-wait} nothing carries it out until
 * {@code runway resume}.
 */
class WhoDecidedTest {

    static final String AT = "2026-12-03T15:13:22.517Z";
    static final Clock CLOCK = Clock.fixed(Instant.parse(AT), ZoneOffset.UTC);

    @TempDir Path dir;
    InProcessRunway runway;
    String runId;

    @BeforeEach
    void runToTheTask() throws Exception {
        runway = new InProcessRunway(dir.resolve("home"), CLOCK)
                .withUsers("  alice: [release-manager]\n  bob: [approver]\n  carol: [approver]\n  dave: [operator]\n");
        aRunbook("Gated release")
                .front("approvals:")
                .front("  production: { roles: [approver], count: 2, not_initiator: true }")
                .section("Staging")
                .task("Tell the support team")
                .section("Production")
                .withGate("Approve", "production")
                .withShellStep("Deploy", "test -f '" + dir.resolve("ready") + "'")
                .writeTo(dir);
        InProcessRunway.Result run = runway.run("run", dir.resolve("runbook.md").toString(), "--as", "alice", "--no-wait", "--json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        runId = json(run).get("run").asText();
    }

    private static JsonNode json(InProcessRunway.Result result) {
        try {
            return new ObjectMapper().readTree(result.stdout());
        } catch (Exception e) {
            throw new AssertionError("stdout is not JSON: " + result, e);
        }
    }

    private JsonNode status() {
        InProcessRunway.Result status = runway.run("status", runId, "--json");
        assertThat(status.exit()).as(status.toString()).isZero();
        return json(status);
    }

    /** Confirms the task, passes the gate and lets the deploy fail: the run then waits for a decision. */
    private void runToTheDecision() {
        assertThat(runway.run("confirm", runId, "--as", "alice", "--comment", "told them in #support").exit()).isZero();
        assertThat(runway.run("resume", runId, "--as", "alice", "--no-wait").exit()).isEqualTo(4);
        assertThat(runway.run("approve", runId, "--as", "bob", "--comment", "staging green").exit()).isZero();
        assertThat(runway.run("approve", runId, "--as", "carol").exit()).isZero();
        assertThat(runway.run("resume", runId, "--as", "alice", "--no-wait").exit()).isEqualTo(4);
    }

    @Test
    void status_json_lists_each_steps_approvals_confirmation_and_decisions() throws Exception {
        runToTheDecision();
        assertThat(runway.run("decide", runId, "retry", "--as", "alice", "--reason", "the disk was full").exit()).isZero();
        assertThat(runway.run("resume", runId, "--as", "alice", "--no-wait").exit()).isEqualTo(4);
        Files.writeString(dir.resolve("ready"), "");
        assertThat(runway.run("decide", runId, "retry", "--as", "dave").exit()).isZero();
        assertThat(runway.run("resume", runId, "--as", "alice").exit()).isZero();

        JsonNode steps = status().get("steps");

        assertThat(steps.get(0).get("confirmation").toString())
                .isEqualTo("{\"by\":\"alice\",\"comment\":\"told them in #support\",\"at\":\"" + AT + "\",\"on_behalf\":false}");
        assertThat(steps.get(0).get("confirmed_by").asText()).isEqualTo("alice");
        assertThat(steps.get(1).get("approvals").toString()).isEqualTo("[{\"by\":\"bob\",\"comment\":\"staging green\",\"at\":\"" + AT
                + "\"},{\"by\":\"carol\",\"comment\":null,\"at\":\"" + AT + "\"}]");
        assertThat(steps.get(1).get("approved_by").toString()).isEqualTo("[\"bob\",\"carol\"]");
        assertThat(steps.get(2).get("decisions").toString()).isEqualTo("[{\"choice\":\"retry\",\"by\":\"alice\",\"reason\":\"the disk was full\","
                + "\"at\":\"" + AT + "\"},{\"choice\":\"retry\",\"by\":\"dave\",\"reason\":null,\"at\":\"" + AT + "\"}]");
        assertThat(steps.get(2).get("decided_by").toString()).isEqualTo("[\"alice\",\"dave\"]");
        assertThat(steps.get(2).has("approvals")).as("only the acts a step had").isFalse();
        assertThat(steps.get(1).has("decided_by")).as("a step no one decided on").isFalse();
        assertThat(status().get("pending_decision").isNull()).isTrue();
    }

    @Test
    void the_report_gives_every_act_with_its_time_actor_and_comment_in_markdown_and_json() throws Exception {
        assertThat(runway.run("confirm", runId, "--as", "alice", "--comment", "posted in #releases").exit()).isZero();
        assertThat(runway.run("resume", runId, "--as", "alice", "--no-wait").exit()).isEqualTo(4);
        assertThat(runway.run("approve", runId, "--as", "bob", "--comment", "staging green").exit()).isZero();
        assertThat(runway.run("approve", runId, "--as", "carol", "--comment", "dashboards quiet").exit()).isZero();
        assertThat(runway.run("resume", runId, "--as", "alice", "--no-wait").exit()).isEqualTo(4);
        assertThat(runway.run("decide", runId, "retry", "--as", "alice", "--reason", "the disk was full").exit()).isZero();
        assertThat(runway.run("resume", runId, "--as", "alice", "--no-wait").exit()).isEqualTo(4);
        assertThat(runway.run("decide", runId, "skip", "--as", "dave", "--reason", "deployed by hand\nsee OPS-12").exit()).isZero();
        assertThat(runway.run("resume", runId, "--as", "alice").exit()).isZero();

        InProcessRunway.Result md = runway.run("report", runId);
        InProcessRunway.Result json = runway.run("report", runId, "--format", "json");

        String t = "2026-12-03 15:13:22Z";
        assertThat(md.stdout()).contains("  > - " + t + " · confirmed by alice: posted in #releases\n")
                .contains("  > - " + t + " · approved by bob: staging green\n  > - " + t + " · approved by carol: dashboards quiet\n")
                .contains("  > - " + t + " · decided retry by alice: the disk was full\n  > - " + t + " · decided skip by dave:\n"
                        + "  >   ```text\n  >   deployed by hand\n  >   see OPS-12\n  >   ```\n");
        JsonNode steps = json(json).get("steps");
        assertThat(steps.get(0).get("confirmation").toString())
                .isEqualTo("{\"by\":\"alice\",\"comment\":\"posted in #releases\",\"at\":\"" + AT + "\",\"on_behalf\":false}");
        assertThat(steps.get(1).get("approvals").toString()).isEqualTo("[{\"by\":\"bob\",\"comment\":\"staging green\",\"at\":\"" + AT
                + "\"},{\"by\":\"carol\",\"comment\":\"dashboards quiet\",\"at\":\"" + AT + "\"}]");
        assertThat(steps.get(2).get("decisions").toString()).isEqualTo("[{\"choice\":\"retry\",\"by\":\"alice\",\"reason\":\"the disk was full\","
                + "\"at\":\"" + AT + "\"},{\"choice\":\"skip\",\"by\":\"dave\",\"reason\":\"deployed by hand\\nsee OPS-12\",\"at\":\"" + AT + "\"}]");
        assertThat(steps.get(0).get("confirmed_by").asText()).isEqualTo("alice");
        assertThat(steps.get(2).get("duration_ms").isNumber()).isTrue();
        JsonNode statusSteps = status().get("steps");
        for (int i = 0; i < 3; i++) {
            for (String key : new String[] {"approvals", "rejection", "confirmation", "decisions", "decided_by"}) {
                assertThat(steps.get(i).get(key)).as("step %d %s as status gives it", i, key).isEqualTo(statusSteps.get(i).get(key));
            }
        }
    }

    @Test
    void a_rejection_is_recorded_with_who_gave_it_and_why() {
        assertThat(runway.run("confirm", runId, "--as", "alice").exit()).isZero();
        assertThat(runway.run("resume", runId, "--as", "alice", "--no-wait").exit()).isEqualTo(4);
        assertThat(runway.run("reject", runId, "--as", "bob", "--comment", "error budget exhausted").exit()).isZero();

        assertThat(status().get("steps").get(1).get("rejection").toString())
                .isEqualTo("{\"by\":\"bob\",\"comment\":\"error budget exhausted\",\"at\":\"" + AT + "\"}");
    }

    @Test
    void a_decision_no_process_has_carried_out_is_the_runs_pending_decision_until_it_is_resumed() {
        runToTheDecision();
        assertThat(status().get("pending_decision").isNull()).isTrue();

        assertThat(runway.run("decide", runId, "abort", "--as", "alice", "--reason", "wrong build").exit()).isZero();

        assertThat(status().get("pending_decision").toString())
                .isEqualTo("{\"step\":\"deploy\",\"choice\":\"abort\",\"by\":\"alice\",\"reason\":\"wrong build\",\"at\":\"" + AT + "\"}");
        assertThat(status().get("status").asText()).isEqualTo("waiting");
        assertThat(runway.run("resume", runId, "--as", "alice").exit()).isEqualTo(1);
        assertThat(status().get("pending_decision").isNull()).isTrue();
        assertThat(status().get("status").asText()).isEqualTo("aborted");
    }

    @Test
    void deciding_on_a_run_no_process_drives_says_that_runway_resume_carries_it_out() {
        runToTheDecision();

        InProcessRunway.Result decide = runway.run("decide", runId, "abort", "--as", "alice");

        assertThat(decide.exit()).as(decide.toString()).isZero();
        assertThat(decide.stdout()).isEqualTo("decided abort for deploy of run " + runId + " as alice\n"
                + "no process drives this run: the decision takes effect when it is resumed (runway resume " + runId + ")\n");
    }

    @Test
    void approving_rejecting_and_confirming_a_run_no_process_drives_say_so_too() {
        InProcessRunway.Result confirm = runway.run("confirm", runId, "--as", "alice");
        assertThat(confirm.stdout()).isEqualTo("confirmed staging of run " + runId + " as alice\n"
                + "no process drives this run: the confirmation takes effect when it is resumed (runway resume " + runId + ")\n");
        assertThat(runway.run("resume", runId, "--as", "alice", "--no-wait").exit()).isEqualTo(4);

        InProcessRunway.Result approve = runway.run("approve", runId, "--as", "bob");
        assertThat(approve.stdout()).isEqualTo("approved approve of run " + runId + " as bob\n"
                + "no process drives this run: the approval takes effect when it is resumed (runway resume " + runId + ")\n");
        InProcessRunway.Result reject = runway.run("reject", runId, "--as", "carol", "--comment", "not today");
        assertThat(reject.stdout()).isEqualTo("rejected approve of run " + runId + " as carol\n"
                + "no process drives this run: the rejection takes effect when it is resumed (runway resume " + runId + ")\n");
    }

    @Test
    void status_shows_the_recorded_decision_and_how_to_carry_it_out_instead_of_the_choices() {
        runToTheDecision();
        assertThat(runway.run("decide", runId, "abort", "--as", "alice", "--reason", "wrong build").exit()).isZero();

        InProcessRunway.Result status = runway.run("status", runId);

        assertThat(status.stdout()).contains("\nrun " + runId + " waiting at step \"deploy\": step \"deploy\" failed: exit 1\n"
                + "  decided:  abort by alice (wrong build) — not carried out yet\n"
                + "  no process drives this run; carry it out: runway resume " + runId + "\n"
                + "record: runway report " + runId + " --home " + dir.resolve("home") + "\n");
        assertThat(status.stdout()).doesNotContain("runway decide");
    }

    @Test
    void status_shows_a_recorded_rejection_and_confirmation_the_same_way() {
        assertThat(runway.run("confirm", runId, "--as", "alice", "--comment", "done").exit()).isZero();
        assertThat(runway.run("status", runId).stdout()).contains("\n  confirmed by alice (done) — not carried out yet\n"
                + "  no process drives this run; carry it out: runway resume " + runId + "\n");

        assertThat(runway.run("resume", runId, "--as", "alice", "--no-wait").exit()).isEqualTo(4);
        assertThat(runway.run("reject", runId, "--as", "bob").exit()).isZero();
        assertThat(runway.run("status", runId).stdout()).contains("\n  rejected by bob — not carried out yet\n"
                + "  no process drives this run; carry it out: runway resume " + runId + "\n").doesNotContain("runway approve");
    }

    @Test
    void a_second_decision_before_the_first_is_carried_out_is_refused_with_the_resume_command() {
        runToTheDecision();
        assertThat(runway.run("decide", runId, "abort", "--as", "alice").exit()).isZero();

        InProcessRunway.Result again = runway.run("decide", runId, "retry", "--as", "dave");

        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.stderr()).isEqualTo("runway: step \"deploy\" of run " + runId + " already has a decision: abort by alice;"
                + " it takes effect when a process drives the run (runway resume " + runId + ")\n");
    }
}
