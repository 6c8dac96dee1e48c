package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Someone with write access to the database edits the journal behind Runway's back. */
class AuditTamperIT {

    @TempDir Path dir;
    RunwayProcess runway;
    String runId;

    @BeforeEach
    void aFinishedRun() {
        runway = new RunwayProcess(dir.resolve("home"), dir);
        aRunbook("Audited").section("Work")
                .withShellStep("Compile", "echo compiled")
                .withShellStep("Test", "echo tested")
                .withShellStep("Ship", "echo shipped")
                .writeTo(dir);
        RunwayProcess.Result run = runway.run("run", "runbook.md", "--json");
        assertThat(run.exit()).as(run.toString()).isZero();
        runId = run.runId();
        assertThat(runway.run("audit", "verify").exit()).isZero();
    }

    private void sql(String statement) throws Exception {
        Process p = new ProcessBuilder("/usr/bin/sqlite3", runway.home().resolve("runway.db").toString(), statement)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as("sqlite3: " + out).isZero();
    }

    @Test
    void an_edited_entry_breaks_the_chain_at_that_entry() throws Exception {
        sql("UPDATE journal SET actor='mallory' WHERE seq=3");

        RunwayProcess.Result audit = runway.run("audit", "verify");

        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.stdout().strip()).isEqualTo("audit chain BROKEN at entry 3: entry 3 (step.succeeded, run "
                + runId + " event 3) does not match its hash (edited?)");
    }

    @Test
    void a_deleted_entry_is_reported_missing() throws Exception {
        sql("DELETE FROM journal WHERE seq=4");

        RunwayProcess.Result audit = runway.run("audit", "verify");

        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.stdout().strip()).isEqualTo("audit chain BROKEN at entry 5: entry 4 is missing (deleted?)");
    }

    @Test
    void a_deleted_last_entry_is_reported_missing() throws Exception {
        sql("DELETE FROM journal WHERE seq=(SELECT max(seq) FROM journal)");

        RunwayProcess.Result audit = runway.run("audit", "verify");

        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.stdout().strip()).isEqualTo("audit chain BROKEN at entry 8: run " + runId
                + " records 8 journal entries but only 7 are in the journal (entries deleted from the end?)");
    }

    /** What verify prints first when the chain of the finished run holds. */
    private String intactChain() {
        return "audit chain intact: 8 entries verified in " + runway.home();
    }

    private String headOf(RunwayProcess.Result verified) {
        assertThat(verified.exit()).as(verified.toString()).isZero();
        JsonNode head = verified.json().get("head");
        return head.get("seq").asLong() + ":" + head.get("hash").asText();
    }

    @Test
    void a_recorded_head_catches_the_newest_run_cut_off_the_end() throws Exception {
        String afterFirst = headOf(runway.run("audit", "verify", "--json"));
        RunwayProcess.Result second = runway.run("run", "runbook.md", "--json");
        assertThat(second.exit()).as(second.toString()).isZero();
        String afterSecond = headOf(runway.run("audit", "verify", "--json"));
        String newest = second.runId();
        sql("DELETE FROM journal WHERE run_id='" + newest + "'; DELETE FROM runs WHERE id='" + newest + "';"
                + " DELETE FROM run_steps WHERE run_id='" + newest + "'; DELETE FROM step_output WHERE run_id='" + newest + "'");

        RunwayProcess.Result unanchored = runway.run("audit", "verify");
        RunwayProcess.Result anchored = runway.run("audit", "verify", "--head", afterSecond);
        RunwayProcess.Result json = runway.run("audit", "verify", "--head", afterSecond, "--json");

        // Without an anchor a shorter chain that holds is all there is to see: verify says where it ends.
        assertThat(unanchored.exit()).isZero();
        assertThat(unanchored.stdout()).endsWith("head " + afterFirst + "\n");
        assertThat(anchored.exit()).isEqualTo(1);
        assertThat(anchored.stdout().strip()).isEqualTo("audit chain BROKEN at entry 9: the journal ends at entry 8 but entry 16"
                + " was recorded as its head (entries deleted from the end?)");
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.json().get("ok").asBoolean()).isFalse();
        assertThat(json.json().get("entries").asInt()).isEqualTo(8);
        assertThat(json.json().at("/head/seq").asLong() + ":" + json.json().at("/head/hash").asText()).isEqualTo(afterFirst);
        assertThat(json.json().get("problem").asText()).isEqualTo("the journal ends at entry 8 but entry 16 was recorded as its head"
                + " (entries deleted from the end?)");
        assertThat(runway.run("audit", "verify", "--head", afterFirst).exit()).as("an older head is still in the journal").isZero();
    }

    @Test
    void a_recorded_head_that_no_longer_matches_its_entry_is_reported() throws Exception {
        String head = headOf(runway.run("audit", "verify", "--json"));
        String forged = head.substring(0, head.indexOf(':') + 1) + "0".repeat(64);

        RunwayProcess.Result audit = runway.run("audit", "verify", "--head", forged);

        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.stdout().strip()).isEqualTo("audit chain BROKEN at entry 8: entry 8 has hash " + head.substring(2)
                + ", not the recorded " + "0".repeat(64) + " (the journal was rewritten up to there?)");
    }

    @Test
    void a_head_that_is_not_seq_colon_hash_is_a_usage_error() {
        RunwayProcess.Result audit = runway.run("audit", "verify", "--head", "8");

        assertThat(audit.exit()).isEqualTo(2);
        assertThat(audit.stderr().strip()).isEqualTo("runway: --head: a head is SEQ:HASH, the sequence number and the 64 hex digits"
                + " of an entry's hash as audit verify prints them, not \"8\"");
    }

    @Test
    void a_forged_run_status_is_reported_with_the_stored_and_the_journaled_value() throws Exception {
        sql("UPDATE runs SET status='FAILED' WHERE id='" + runId + "'");

        RunwayProcess.Result audit = runway.run("audit", "verify");

        assertThat(runway.run("history").stdout()).as("listings believe the read model").contains(" failed ");
        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.stdout().strip()).isEqualTo(intactChain()
                + "\nread model BROKEN: run " + runId + ": runs.status is \"FAILED\" but its journal says \"SUCCEEDED\" (edited outside Runway?)");
    }

    @Test
    void a_forged_initiator_is_reported() throws Exception {
        String initiator = runway.run("status", runId, "--json").json().get("initiator").asText();
        sql("UPDATE runs SET initiator='bob' WHERE id='" + runId + "'");

        RunwayProcess.Result audit = runway.run("audit", "verify", "--json");

        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.json().get("ok").asBoolean()).isFalse();
        assertThat(audit.json().get("problem").asText()).isEqualTo("run " + runId + ": runs.initiator is \"bob\" but its journal says \""
                + initiator + "\" (edited outside Runway?)");
    }

    @Test
    void a_forged_step_row_is_reported() throws Exception {
        sql("UPDATE run_steps SET status='FAILED', detail='exit 1' WHERE run_id='" + runId + "' AND step_id='ship'");

        RunwayProcess.Result audit = runway.run("audit", "verify");

        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.stdout().strip()).endsWith("\nread model BROKEN: run " + runId
                + ", step \"ship\": run_steps.status is \"FAILED\" but its journal says \"SUCCEEDED\" (edited outside Runway?)");
    }

    @Test
    void rows_with_no_journal_behind_them_are_reported() throws Exception {
        sql("INSERT INTO run_steps (run_id, ordinal, step_id, kind, rollback, status, attempt) VALUES ('" + runId
                + "', 3, 'hotfix', 'shell', 0, 'SUCCEEDED', 1)");
        assertThat(runway.run("audit", "verify").stdout().strip()).endsWith("\nread model BROKEN: run " + runId
                + ": run_steps has a row for step \"hotfix\", which the plan of its journal does not have (forged?)");

        sql("DELETE FROM run_steps WHERE step_id='hotfix'; INSERT INTO runs (id, runbook, environment, title, file, initiator, status,"
                + " created_at, updated_at, vars, last_seq) SELECT 'forged-run', runbook, environment, title, file, 'mallory', status,"
                + " created_at, updated_at, vars, last_seq FROM runs WHERE id='" + runId + "'");
        RunwayProcess.Result audit = runway.run("audit", "verify");

        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.stdout().strip()).endsWith("\nread model BROKEN: run forged-run has a row in runs but no journal entries (forged?)");
    }

    @Test
    void a_status_the_store_never_writes_is_a_reported_problem_and_other_commands_name_the_column() throws Exception {
        sql("UPDATE runs SET status='succeeded' WHERE id='" + runId + "'");
        String corrupt = "corrupt value in the store: table runs, row " + runId + ", column status holds \"succeeded\", not one of"
                + " RUNNING, WAITING, WATCHING, SUCCEEDED, FAILED, ROLLING_BACK, ROLLED_BACK, ROLLBACK_FAILED, ABORTED (edited outside Runway?)";

        RunwayProcess.Result audit = runway.run("audit", "verify");

        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.stdout().strip()).isEqualTo(intactChain()
                + "\nread model BROKEN: " + corrupt);
        for (String[] command : new String[][] {{"history"}, {"status"}, {"status", runId, "--json"}}) {
            RunwayProcess.Result r = runway.run(command);
            assertThat(r.exit()).as(String.join(" ", command) + ": " + r).isEqualTo(1);
            assertThat(r.stderr().strip()).as(String.join(" ", command)).isEqualTo("runway: " + corrupt);
        }
    }

    @Test
    void an_untouched_run_verifies_its_step_output_too() {
        RunwayProcess.Result audit = runway.run("audit", "verify");

        assertThat(audit.exit()).as(audit.toString()).isZero();
        assertThat(audit.stdout()).startsWith(intactChain()
                + "\nread model matches the journal\nhead 8:");
    }

    @Test
    void edited_step_output_is_reported_with_the_entry_that_recorded_it() throws Exception {
        sql("UPDATE step_output SET text='all tests skipped' || char(10) WHERE run_id='" + runId + "' AND step_id='test'");
        String problem = "step output of run " + runId + ", step \"test\", attempt 1 does not match what journal entry 5 recorded"
                + " (edited or deleted outside Runway?)";

        RunwayProcess.Result audit = runway.run("audit", "verify");
        RunwayProcess.Result json = runway.run("audit", "verify", "--json");

        assertThat(runway.run("logs", runId).stdout()).as("logs believe the stored output").contains("all tests skipped");
        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.stdout().strip()).isEqualTo(intactChain()
                + "\nread model matches the journal\nstep output BROKEN: " + problem);
        assertThat(json.exit()).isEqualTo(1);
        assertThat(json.json().get("ok").asBoolean()).isFalse();
        assertThat(json.json().get("broken_at").isNull()).isTrue();
        assertThat(json.json().get("problem").asText()).isEqualTo(problem);
    }

    @Test
    void deleted_step_output_is_reported() throws Exception {
        sql("DELETE FROM step_output WHERE run_id='" + runId + "' AND step_id='ship'");

        RunwayProcess.Result audit = runway.run("audit", "verify");

        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.stdout().strip()).endsWith("\nstep output BROKEN: step output of run " + runId + ", step \"ship\", attempt 1"
                + " does not match what journal entry 7 recorded (edited or deleted outside Runway?)");
    }

    @Test
    void swapping_two_entries_payloads_is_detected() throws Exception {
        sql("CREATE TEMP TABLE t AS SELECT seq, payload FROM journal WHERE seq IN (3,5);"
                + " UPDATE journal SET payload=(SELECT payload FROM t WHERE t.seq = 8 - journal.seq) WHERE seq IN (3,5)");

        RunwayProcess.Result audit = runway.run("audit", "verify");

        assertThat(audit.exit()).isEqualTo(1);
        assertThat(audit.stdout().strip()).isEqualTo("audit chain BROKEN at entry 3: entry 3 (step.succeeded, run "
                + runId + " event 3) does not match its hash (edited?)");
    }
}
