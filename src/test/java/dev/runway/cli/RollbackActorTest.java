package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runway.app.InProcessRunway;
import dev.runway.engine.JournalStore.ChainedEntry;
import dev.runway.store.SqliteJournalStore;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The journal names who started a rollback: the person who asked for it or chose it, and
 * Runway itself for one nobody asked for, never the person who merely drives the run.
 */
class RollbackActorTest {

    @TempDir Path dir;
    InProcessRunway runway;

    @BeforeEach
    void home() {
        runway = new InProcessRunway(dir.resolve("home"), Clock.systemUTC());
    }

    private String rollbackStarter() {
        try (SqliteJournalStore store = new SqliteJournalStore(dir.resolve("home"))) {
            return store.chain().stream().filter(e -> e.type().equals("rollback.started")).map(ChainedEntry::actor)
                    .reduce((first, last) -> last).orElseThrow();
        }
    }

    private String startFailing(String directive) throws Exception {
        (directive == null ? aRunbook("Release").section("Deploy").withShellStep("Ship", "exit 1")
                : aRunbook("Release").section("Deploy").withShellStep("Ship", directive, "exit 1"))
                .rollback().withShellStep("Restore", "echo restored").writeTo(dir);
        InProcessRunway.Result run = runway.run("run", dir.resolve("runbook.md").toString(), "--as", "alice", "--no-wait", "--json");
        return new ObjectMapper().readTree(run.stdout()).get("run").asText();
    }

    @Test
    void a_rollback_the_runbook_starts_by_itself_is_journaled_as_runways_not_the_initiators() throws Exception {
        startFailing("on_failure: rollback");

        assertThat(rollbackStarter()).isEqualTo("runway");
    }

    @Test
    void a_rollback_chosen_at_a_failed_step_is_journaled_as_the_choosers() throws Exception {
        String runId = startFailing(null);
        assertThat(runway.run("decide", runId, "rollback", "--as", "bob", "--reason", "bad build").exit()).isZero();

        InProcessRunway.Result resumed = runway.run("resume", runId, "--as", "alice");

        assertThat(resumed.exit()).as(resumed.toString()).isEqualTo(ExitCodes.ROLLED_BACK);
        assertThat(rollbackStarter()).isEqualTo("bob");
    }

    @Test
    void a_rollback_asked_for_after_the_run_is_journaled_as_the_askers() throws Exception {
        aRunbook("Release").section("Deploy").withShellStep("Ship", "echo shipped").rollback().withShellStep("Restore", "echo restored")
                .writeTo(dir);
        InProcessRunway.Result run = runway.run("run", dir.resolve("runbook.md").toString(), "--as", "alice", "--json");
        String runId = new ObjectMapper().readTree(run.stdout()).get("run").asText();

        assertThat(runway.run("rollback", runId, "--as", "carol", "--reason", "customers report errors").exit()).isEqualTo(ExitCodes.ROLLED_BACK);

        assertThat(rollbackStarter()).isEqualTo("carol");
    }
}
