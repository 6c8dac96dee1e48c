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
            // The status read packs each row's columns into one text with unit separators, the detail last.
            try (Connection c = SqliteDatabase.open(home); Statement s = c.createStatement()) {
                s.execute("UPDATE run_steps SET detail = 'needs 2 approvals' || char(31) || '-' || char(31) || char(10) || 'second line'"
                        + " WHERE step_id = 'gate'");
            }

            List<StepLine> fromRows = store.steps("run-1").stream().map(l -> new StepLine(l.row().id(), l.row().status(),
                    l.outline().kind(), l.outline().rollback(), l.row().detail())).toList();
            assertThat(store.stepLines("run-1")).isEqualTo(fromRows).extracting(StepLine::id).containsExactly("build", "gate", "undo");
            assertThat(store.stepLines("run-1").get(2).rollback()).isTrue();
            assertThat(store.stepLines("run-1").get(2).detail()).isNull();
            assertThat(store.stepLines("run-1").get(1).detail()).isEqualTo("needs 2 approvals\u001f-\u001f\nsecond line");
            assertThat(store.stepLines("missing")).isEmpty();
        }
    }

    @Test
    void an_empty_detail_stays_empty_and_a_missing_one_null() throws Exception {
        try (SqliteJournalStore store = new SqliteJournalStore(home)) {
            store.create("run-1", "rb@test", "alice", new RunStarted("rb", "test", "T", "/rb.md", "# T", "sha", Map.of(), List.of(),
                    "alice", Map.of()), Instant.parse("2026-12-01T10:00:00Z"), List.of(new StepOutline("a.b_c-1", "shell", false),
                    new StepOutline("second", "check", false)));
            try (Connection c = SqliteDatabase.open(home); Statement s = c.createStatement()) {
                s.execute("UPDATE run_steps SET status = 'FAILED', detail = '' WHERE step_id = 'a.b_c-1'");
            }

            assertThat(store.stepLines("run-1")).containsExactly(
                    new StepLine("a.b_c-1", dev.runway.engine.StepStatus.FAILED, "shell", false, ""),
                    new StepLine("second", dev.runway.engine.StepStatus.PENDING, "check", false, null));
        }
    }

    @Test
    void every_step_of_a_long_run_is_stored_pending_in_plan_order() throws Exception {
        // 70 = two full chunks of the batched insert and a remainder of 6.
        List<StepOutline> outline = java.util.stream.IntStream.range(0, 70)
                .mapToObj(i -> new StepOutline("step-" + i, i % 3 == 0 ? "check" : "shell", i >= 65)).toList();
        try (SqliteJournalStore store = new SqliteJournalStore(home)) {
            store.create("run-70", "rb@test", "alice", new RunStarted("rb", "test", "T", "/rb.md", "# T", "sha", Map.of(), List.of(),
                    "alice", Map.of()), Instant.parse("2026-12-01T10:00:00Z"), outline);

            assertThat(store.stepLines("run-70")).isEqualTo(outline.stream()
                    .map(o -> new StepLine(o.id(), dev.runway.engine.StepStatus.PENDING, o.kind(), o.rollback(), null)).toList());
            try (Connection c = SqliteDatabase.open(home); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT min(ordinal), max(ordinal), count(DISTINCT ordinal), min(attempt), max(attempt) FROM run_steps")) {
                rs.next();
                assertThat(List.of(rs.getInt(1), rs.getInt(2), rs.getInt(3), rs.getInt(4), rs.getInt(5))).containsExactly(0, 69, 70, 0, 0);
            }
        }
    }
}
