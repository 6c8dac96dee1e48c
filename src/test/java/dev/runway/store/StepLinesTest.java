package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunSnapshot.StepLine;
import dev.runway.engine.RunSnapshot.StepOutline;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The short step read that {@code runway status} prints from says what the full rows say, in plan order. */
class StepLinesTest {

    @TempDir Path home;

    @Test
    void step_lines_match_the_full_rows_in_plan_order() throws Exception {
        try (SqliteJournalStore store = new SqliteJournalStore(home)) {
            store.create("run-1", "rb@test", "alice", new RunStarted("rb", "test", "T", "/rb.md", "# T", "sha", Map.of(), List.of(),
                    "alice", Map.of()), Instant.parse("2026-12-01T10:00:00Z"), List.of(new StepOutline("build", "shell", false),
                    new StepOutline("gate", "gate", false), new StepOutline("undo", "shell", true)));
            try (Connection c = SqliteDatabase.open(home); Statement s = c.createStatement()) {
                s.execute("UPDATE run_steps SET status = 'SUCCEEDED', detail = 'exit 0' WHERE step_id = 'build'");
                s.execute("UPDATE run_steps SET status = 'WAITING', detail = 'needs 2 approvals' || char(10) || 'second line'"
                        + " WHERE step_id = 'gate'");
            }

            List<StepLine> fromRows = store.steps("run-1").stream().map(l -> new StepLine(l.row().id(), l.row().status(),
                    l.outline().kind(), l.outline().rollback(), l.row().detail())).toList();
            assertThat(store.stepLines("run-1")).isEqualTo(fromRows).extracting(StepLine::id).containsExactly("build", "gate", "undo");
            assertThat(store.stepLines("run-1").get(2).rollback()).isTrue();
            assertThat(store.stepLines("run-1").get(2).detail()).isNull();
            assertThat(store.stepLines("missing")).isEmpty();
        }
    }
}
