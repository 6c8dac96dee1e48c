package dev.runway.store;

import dev.runway.engine.JournalStore.Attempt;
import dev.runway.engine.JournalStore.AuditSnapshot;
import dev.runway.engine.JournalStore.ChainedEntry;
import dev.runway.engine.JournalStore.CorruptValueException;
import dev.runway.engine.JournalStore.ReadModel;
import dev.runway.engine.RunEvent;
import dev.runway.engine.RunSnapshot;
import dev.runway.engine.RunState;
import dev.runway.engine.RunStatus;
import dev.runway.engine.RunSummary;
import dev.runway.engine.StepStatus;
import dev.runway.engine.StoredEvent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Reading runs back: their journal entries, the read model's rows, the whole chain for audit. */
final class RunQueries {

    private static final String READ_COLUMNS = JournalAppends.SUMMARY_COLUMNS
            + ", phase, finished_at, reason, awaiting_step, awaiting_kind, awaiting_reason, awaiting_until, awaiting_approvals";

    private static final String STEP_COLUMNS = "step_id, status, attempt, started_at, finished_at, detail, approvers, kind, rollback, confirmed_by";

    private final SqliteSession db;

    RunQueries(SqliteSession db) {
        this.db = db;
    }

    List<StoredEvent> since(String runId, int afterRunSeq) {
        return db.read(() -> {
            PreparedStatement q = db.cached(
                    "SELECT seq, run_seq, at, actor, type, payload FROM journal WHERE run_id = ? AND run_seq > ? ORDER BY run_seq");
            q.setString(1, runId);
            q.setInt(2, afterRunSeq);
            return entries(q, runId);
        });
    }

    List<StoredEvent> ofTypes(String runId, java.util.Set<String> types) {
        return ofTypesAfterLast(runId, types, null);
    }

    /**
     * Entries of {@code types} after the run's newest entry of type {@code mark} (all of them
     * when {@code mark} is null or the run has none), found by SQLite alone: when there are none,
     * nothing is decoded.
     */
    List<StoredEvent> ofTypesAfterLast(String runId, java.util.Set<String> types, String mark) {
        if (types.isEmpty()) return List.of();
        // Sorted, so each set of types compiles to one cached statement.
        List<String> sorted = types.stream().sorted().toList();
        String marks = String.join(", ", java.util.Collections.nCopies(sorted.size(), "?"));
        String after = mark == null ? ""
                : " AND run_seq > (SELECT coalesce(max(run_seq), 0) FROM journal WHERE run_id = ? AND type = ?)";
        boolean acts = ActEntries.covers(types);
        return db.read(() -> {
            PreparedStatement q = db.cached("SELECT " + (acts ? ActEntries.COLUMNS : "seq, run_seq, at, actor, type, payload")
                    + " FROM journal WHERE run_id = ? AND type IN (" + marks + ")" + after + " ORDER BY run_seq");
            q.setString(1, runId);
            for (int i = 0; i < sorted.size(); i++) q.setString(i + 2, sorted.get(i));
            if (mark != null) {
                q.setString(sorted.size() + 2, runId);
                q.setString(sorted.size() + 3, mark);
            }
            if (!acts) return entries(q, runId);
            List<StoredEvent> out = new ArrayList<>();
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) out.add(ActEntries.read(rs, runId));
            }
            return out;
        });
    }

    /** The journal entries a cached statement selects ({@code seq, run_seq, at, actor, type, payload}). */
    private static List<StoredEvent> entries(PreparedStatement q, String runId) throws SQLException {
        List<StoredEvent> out = new ArrayList<>();
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                out.add(new StoredEvent(rs.getLong(1), runId, rs.getInt(2), StoredInstants.parse(rs.getString(3)),
                        rs.getString(4), EventCodec.decode(rs.getString(5), rs.getString(6))));
            }
        }
        return out;
    }

    Optional<RunSummary> summary(String runId) {
        return db.read(() -> summaries(db.cached("SELECT " + READ_COLUMNS + " FROM runs WHERE id = ?"), runId).stream().findFirst());
    }

    List<RunSummary> list(int limit, int offset, String afterRun) {
        // The row value comparison walks the runs_created index from the cursor on, like the order does.
        String after = afterRun == null ? "" : " WHERE (created_at, id) < (SELECT created_at, id FROM runs WHERE id = ?)";
        String sql = "SELECT " + READ_COLUMNS + " FROM runs" + after + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
        return db.read(() -> afterRun == null ? summaries(db.cached(sql), limit, offset) : summaries(db.cached(sql), afterRun, limit, offset));
    }

    int countRuns() {
        return db.read(() -> {
            try (ResultSet rs = db.cached("SELECT count(*) FROM runs").executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    List<String> findRunIds(String prefix) {
        return db.read(() -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement q = db.prepare(
                    "SELECT id FROM runs WHERE substr(id, 1, ?) = ? ORDER BY created_at DESC LIMIT 20")) {
                q.setInt(1, prefix.length());
                q.setString(2, prefix);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) ids.add(rs.getString(1));
                }
            }
            return ids;
        });
    }

    /** Reads the rows of a cached statement; the statement stays open, its result set is closed. */
    private List<RunSummary> summaries(PreparedStatement q, Object... args) throws Exception {
        List<RunSummary> out = new ArrayList<>();
        SqliteSession.bind(q, args);
        try (ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                try {
                    out.add(summary(rs));
                } catch (Columns.Unreadable e) {
                    throw e.in("runs", rs.getString(1));
                }
            }
        }
        return out;
    }

    private static RunSummary summary(ResultSet rs) throws SQLException {
        Map<String, String> vars = Columns.vars("vars", rs.getString(10));
        String awaitingStep = rs.getString(15);
        RunEvent.Await kind = awaitingStep == null ? null : Columns.enumValue(RunEvent.Await.class, "awaiting_kind", rs.getString(16));
        // Only a gate's wait has a count; a Runway from before it, writing to this file, leaves the column as it was.
        RunSummary.Awaiting awaiting = awaitingStep == null ? null : new RunSummary.Awaiting(awaitingStep, kind, rs.getString(17),
                Columns.instant("awaiting_until", rs.getString(18)), kind == RunEvent.Await.GATE ? Columns.nullableInt(rs, 19) : null);
        return new RunSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), Columns.enumValue(RunStatus.class, "status", rs.getString(7)),
                Columns.instant("created_at", rs.getString(8)), Columns.instant("updated_at", rs.getString(9)), vars, rs.getInt(11),
                Columns.enumValue(RunState.Phase.class, "phase", rs.getString(12)), Columns.instant("finished_at", rs.getString(13)),
                rs.getString(14), awaiting);
    }

    List<RunSnapshot.StepListing> steps(String runId) {
        return stepRows(STEP_COLUMNS, runId, RunQueries::stepListing);
    }

    /**
     * What {@code status} prints of each step, packed into one text per row: every column read
     * is a crossing into SQLite that costs more than its value, and a cold {@code status} on a
     * 1,000-step run spent 12.7 of its 90 ms in 5,000 of them. The unit separator never occurs in
     * the first four (ids are {@code [A-Za-z0-9._-]}, statuses and kinds are names Runway writes,
     * rollback is 0 or 1); the detail, the one free text, comes last, marked so null stays null.
     */
    private static final String PACKED_LINE = "step_id || char(31) || status || char(31) || kind || char(31) || rollback"
            + " || char(31) || CASE WHEN detail IS NULL THEN '-' ELSE '+' || detail END";

    List<RunSnapshot.StepLine> stepLines(String runId) {
        return stepRows(PACKED_LINE, runId, rs -> packedLine(runId, rs.getString(1)));
    }

    private static RunSnapshot.StepLine packedLine(String runId, String packed) {
        int status = packed.indexOf('\u001f');
        int kind = packed.indexOf('\u001f', status + 1);
        int rollback = packed.indexOf('\u001f', kind + 1);
        int detail = packed.indexOf('\u001f', rollback + 1);
        String id = packed.substring(0, status);
        try {
            return new RunSnapshot.StepLine(id, Columns.enumValue(StepStatus.class, "status", packed.substring(status + 1, kind)),
                    packed.substring(kind + 1, rollback), packed.charAt(rollback + 1) == '1',
                    packed.charAt(detail + 1) == '-' ? null : packed.substring(detail + 2));
        } catch (Columns.Unreadable e) {
            throw e.in("run_steps", "run " + runId + ", step " + id);
        }
    }

    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** A run's step rows in plan order, {@code columns} first of all {@code step_id}; a corrupt value names the step. */
    private <T> List<T> stepRows(String columns, String runId, RowReader<T> reader) {
        return db.read(() -> {
            List<T> out = new ArrayList<>();
            PreparedStatement q = db.cached("SELECT " + columns + " FROM run_steps WHERE run_id = ? ORDER BY ordinal");
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) out.add(stepRow(rs, runId, reader));
            }
            return out;
        });
    }

    private static <T> T stepRow(ResultSet rs, String runId, RowReader<T> reader) throws SQLException {
        try {
            return reader.read(rs);
        } catch (Columns.Unreadable e) {
            throw e.in("run_steps", "run " + runId + ", step " + rs.getString(1));
        }
    }

    /** A row of {@link #STEP_COLUMNS}. */
    private static RunSnapshot.StepListing stepListing(ResultSet rs) throws SQLException {
        String approvers = rs.getString(7);
        var row = new RunSnapshot.StepRow(rs.getString(1), Columns.enumValue(StepStatus.class, "status", rs.getString(2)), rs.getInt(3),
                Columns.instant("started_at", rs.getString(4)), Columns.instant("finished_at", rs.getString(5)), rs.getString(6),
                approvers == null ? List.of() : List.of(approvers.split("\n")), rs.getString(10));
        return new RunSnapshot.StepListing(new RunSnapshot.StepOutline(row.id(), rs.getString(8), rs.getInt(9) == 1), row);
    }

    /**
     * The chain, the read model, then the output digests, in one read transaction (on this
     * connection, as {@code outputDigests} must read); a corrupt read-model value is reported,
     * the chain and the output still read.
     */
    AuditSnapshot auditSnapshot(Supplier<Map<Attempt, String>> outputDigests) {
        return db.inReadTransaction(() -> {
            List<ChainedEntry> chain = chain();
            try {
                ReadModel model = readModel();
                return new AuditSnapshot(chain, model, null, outputDigests.get());
            } catch (CorruptValueException e) {
                return new AuditSnapshot(chain, null, e.getMessage(), outputDigests.get());
            }
        });
    }

    private ReadModel readModel() throws Exception {
        List<RunSummary> runs = list(Integer.MAX_VALUE, 0, null);
        Map<String, List<RunSnapshot.StepListing>> steps = new LinkedHashMap<>();
        try (PreparedStatement q = db.prepare("SELECT " + STEP_COLUMNS + ", run_id FROM run_steps ORDER BY run_id, ordinal");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                String runId = rs.getString(11);
                steps.computeIfAbsent(runId, id -> new ArrayList<>()).add(stepRow(rs, runId, RunQueries::stepListing));
            }
        }
        return new ReadModel(runs, steps);
    }

    List<ChainedEntry> chain() {
        return db.read(() -> {
            List<ChainedEntry> out = new ArrayList<>();
            try (PreparedStatement q = db.prepare(
                    "SELECT seq, run_id, run_seq, at, actor, type, payload, prev_hash, hash FROM journal ORDER BY rowid");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new ChainedEntry(rs.getLong(1), rs.getString(2), Columns.nullableInt(rs, 3),
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
            return out;
        });
    }
}
