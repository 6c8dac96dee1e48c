package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

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
