package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.app.InProcessRunway;
import dev.runway.engine.RunStatus;
import dev.runway.engine.RunSummary;
import dev.runway.store.SqliteJournalStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hidden {@code aot-train} the launcher records its class caches from: if it fails, the
 * launcher silently goes without a cache, so it must succeed and leave the runs status is
 * trained on, finished ones and waiting ones.
 */
class TrainingRunsTest {

    @Test
    void training_leaves_two_finished_runs_a_gate_with_one_of_two_approvals_and_a_failed_step_waiting(@TempDir Path dir) {
        Path home = dir.resolve("home");
        InProcessRunway.Result trained = new InProcessRunway(dir.resolve("unused"), Clock.systemUTC()).run("aot-train", home.toString());
        assertThat(trained.exit()).as(trained.toString()).isZero();

        try (SqliteJournalStore store = new SqliteJournalStore(home)) {
            List<RunSummary> runs = store.list(10);
            assertThat(runs).extracting(RunSummary::runbook, RunSummary::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("Training failure", RunStatus.WAITING),
                    org.assertj.core.groups.Tuple.tuple("training-gate", RunStatus.WAITING),
                    org.assertj.core.groups.Tuple.tuple("training", RunStatus.SUCCEEDED),
                    org.assertj.core.groups.Tuple.tuple("Training steps", RunStatus.SUCCEEDED));
            RunSummary gate = runs.get(1);
            assertThat(gate.awaiting().approvalsNeeded()).isEqualTo(2);
            assertThat(store.steps(gate.id())).filteredOn(l -> l.outline().kind().equals("gate"))
                    .singleElement().satisfies(l -> assertThat(l.row().approvers()).containsExactly("training-approver"));
        }
    }
}
