package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runway.app.InProcessRunway;
import dev.runway.engine.RunOwner;
import dev.runway.store.SqliteJournalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code status} says to do next at a gate: resume only when no process drives the run
 * (a live one refuses it), and no call for approvals once the gate has all it needs.
 */
class WaitHintsTest {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T15:13:22.517Z"), ZoneOffset.UTC);

    @TempDir Path dir;
    InProcessRunway runway;
    String runId;
    String noWaitOutput;

    @BeforeEach
    void runToTheGate() throws Exception {
        runway = new InProcessRunway(dir.resolve("home"), CLOCK)
                .withUsers("  alice: [release-manager]\n  bob: [approver]\n  carol: [approver]\n");
        aRunbook("Gated release")
                .front("approvals:")
                .front("  production: { roles: [approver], count: 2, not_initiator: true }")
                .withGatedDeploy()
                .writeTo(dir);
        InProcessRunway.Result run = runway.run("run", dir.resolve("runbook.md").toString(), "--as", "alice", "--no-wait", "--json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        runId = new ObjectMapper().readTree(run.stdout()).get("run").asText();
        noWaitOutput = runway.run("resume", runId, "--as", "alice", "--no-wait").stdout();
    }

    private String status() {
        InProcessRunway.Result status = runway.run("status", runId);
        assertThat(status.exit()).as(status.toString()).isZero();
        return status.stdout();
    }

    private void approve(String who) {
        InProcessRunway.Result approve = runway.run("approve", runId, "--as", who);
        assertThat(approve.exit()).as(approve.toString()).isZero();
    }

    /** Holds the run's lease as a live process does while it drives the run and polls for approvals. */
    private String driveFromALiveProcess() {
        String owner = RunOwner.current().toString();
        try (var store = new SqliteJournalStore(dir.resolve("home"))) {
            assertThat(store.claim(runId, owner, CLOCK.instant(), CLOCK.instant().plus(Duration.ofHours(1)), o -> false)).isTrue();
        }
        return owner;
    }

    @Test
    void a_run_no_process_drives_says_to_resume_it_after_approving() {
        String hint = "  approve:  runway approve " + runId + " --as NAME [--comment …]\n"
                + "  reject:   runway reject " + runId + " --as NAME\n"
                + "  then:     runway resume " + runId + "\n";

        assertThat(noWaitOutput).contains(hint);
        assertThat(status()).contains(hint);
    }

    @Test
    void a_run_a_live_process_drives_says_that_process_continues_once_approved_not_to_resume() {
        String owner = driveFromALiveProcess();

        assertThat(status()).contains("\n  reject:   runway reject " + runId + " --as NAME\n"
                + "  then:     the process driving it (" + owner + ") continues once it is approved\n")
                .doesNotContain("runway resume");
    }

    @Test
    void a_gate_with_all_its_approvals_names_them_and_says_resuming_passes_it() {
        approve("bob");
        approve("carol");

        assertThat(status()).contains("\nrun " + runId + " waiting at step \"approve\": gate \"production\" has the approvals it needs: bob, carol\n"
                + "  no process drives this run; it passes when the run is resumed: runway resume " + runId + "\n"
                + "record: ")
                .doesNotContain("approval needed").doesNotContain("runway approve").doesNotContain("approved so far");
    }

    @Test
    void a_gate_with_all_its_approvals_in_a_run_a_live_process_drives_says_that_process_passes_it() {
        approve("bob");
        approve("carol");
        driveFromALiveProcess();

        assertThat(status()).contains(": gate \"production\" has the approvals it needs: bob, carol\n"
                + "  the process driving this run passes it as soon as it sees the approvals\n")
                .doesNotContain("runway resume");
    }

    @Test
    void a_gate_short_of_its_approvals_still_asks_for_them_and_says_who_approved_so_far() {
        approve("bob");

        assertThat(status()).contains(": approval needed for gate \"production\"\n"
                + "  approved so far by bob (1 of 2)\n"
                + "  approve:  runway approve " + runId + " --as NAME [--comment …]\n");
    }

    @Test
    void a_rejection_after_some_approvals_is_what_status_shows() {
        // After all of them a rejection is refused (the gate has passed); after one, it ends the gate.
        approve("bob");
        assertThat(runway.run("reject", runId, "--as", "alice", "--comment", "wrong build").exit()).isZero();

        assertThat(status()).contains(": approval needed for gate \"production\"\n"
                + "  approved so far by bob (1 of 2)\n"
                + "  rejected by alice (wrong build) — not carried out yet\n"
                + "  no process drives this run; carry it out: runway resume " + runId + "\n")
                .doesNotContain("has the approvals it needs");
    }

    /** As a home from before the wait's entry said how many approvals pass the gate: the count is in the runbook. */
    private void forgetHowManyApprovalsPassTheGate() throws Exception {
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("home/runway.db"));
             var s = c.createStatement()) {
            s.executeUpdate("UPDATE runs SET awaiting_approvals = NULL");
            s.executeUpdate("UPDATE journal SET payload = json_remove(payload, '$.approvalsNeeded') WHERE type = 'step.awaiting'");
        }
    }

    @Test
    void a_gate_reached_before_its_wait_recorded_the_count_still_finds_it_in_the_runbook() throws Exception {
        forgetHowManyApprovalsPassTheGate();
        approve("bob");
        assertThat(status()).contains("  approved so far by bob\n").doesNotContain("has the approvals it needs");

        approve("carol");
        assertThat(status()).contains(": gate \"production\" has the approvals it needs: bob, carol\n");
    }

    @Test
    void status_json_says_how_many_approvals_pass_the_gate_it_waits_at() throws Exception {
        InProcessRunway.Result status = runway.run("status", runId, "--json");

        var awaiting = new ObjectMapper().readTree(status.stdout()).get("awaiting");
        assertThat(awaiting.get("kind").asText()).isEqualTo("gate");
        assertThat(awaiting.get("approvals_needed").asInt()).isEqualTo(2);
    }
}
