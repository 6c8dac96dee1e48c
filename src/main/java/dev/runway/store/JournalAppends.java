package dev.runway.store;

import static dev.runway.store.SqliteSession.text;

import dev.runway.engine.JournalStore.Append;
import dev.runway.engine.JournalStore.ConcurrentAppendException;
import dev.runway.engine.JournalStore.LockedException;
import dev.runway.engine.RunEvent;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunSnapshot;
import dev.runway.engine.RunStarts;
import dev.runway.engine.RunState;
import dev.runway.engine.RunStatus;
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

/**
 * Writing the journal: each entry chained to the one before it by hash, and for run entries
 * the run's read-model rows and lock, all in the entry's transaction.
 */
final class JournalAppends {

    static final String SUMMARY_COLUMNS =
            "id, runbook, environment, title, file, initiator, status, created_at, updated_at, vars, last_seq";

    private final SqliteSession db;

    JournalAppends(SqliteSession db) {
        this.db = db;
    }

    StoredEvent create(String runId, String lockKey, String actor, RunStarted started, Instant at,
                       List<RunSnapshot.StepOutline> steps) {
        return db.inTransaction(() -> {
            takeLock(lockKey, runId, at);
            db.update("INSERT INTO runs (" + SUMMARY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                    runId, started.runbook(), started.environment(), started.title(), started.file(),
                    started.initiator(), RunStatus.RUNNING.name(), at.toString(), at.toString(),
                    VarsJson.write(started.vars()));
            insertSteps(runId, steps);
            Head head = journalRow(head(), runId, 1, actor, started, at);
            runSummary(runId, 1, at, new RunSnapshot(RunStatus.RUNNING, RunState.Phase.FORWARD, null, null, null, null));
            return new StoredEvent(head.seq(), runId, 1, at, actor, started);
        });
    }

    /** A new run's step rows, 32 to a statement: a 1,000-step run took 1,000 statements, now 32. */
    private static final MultiRowInsert STEPS = new MultiRowInsert("run_steps",
            List.of("run_id", "ordinal", "step_id", "kind", "rollback", "status", "attempt"), 32);
    /** Journal entries; a step boundary's two (one step's end, the next one's start) go in one statement. */
    private static final MultiRowInsert JOURNAL = new MultiRowInsert("journal",
            List.of("seq", "run_id", "run_seq", "at", "actor", "type", "payload", "prev_hash", "hash"), 4);

    /** The run's steps, all pending, in plan order. */
    private void insertSteps(String runId, List<RunSnapshot.StepOutline> steps) throws SQLException {
        List<Object[]> rows = new ArrayList<>(steps.size());
        for (int ordinal = 0; ordinal < steps.size(); ordinal++) {
            RunSnapshot.StepOutline step = steps.get(ordinal);
            rows.add(new Object[] {runId, ordinal, step.id(), step.kind(), step.rollback() ? 1 : 0, StepStatus.PENDING.name(), 0});
        }
        STEPS.insert(db, rows);
    }

    StoredEvent append(Append a) {
        return appendAll(List.of(a)).get(0);
    }

    /**
     * Appends a batch in one transaction. The journal's head and each run's row are read once
     * per batch and carried from entry to entry, and a run's summary row is written once, with
     * the state after its last entry: a step boundary (one step's end, the next one's start)
     * costs one read of each, one insert of both entries and one write of the run.
     */
    List<StoredEvent> appendAll(List<Append> appends) {
        return db.inTransaction(() -> {
            List<StoredEvent> stored = new ArrayList<>(appends.size());
            List<JournalRow> rows = new ArrayList<>(appends.size());
            Map<String, RunRow> runs = new LinkedHashMap<>();
            Head head = appends.isEmpty() ? head() : headAndRun(appends.get(0).runId(), runs);
            Map<String, Append> lastOfRun = new LinkedHashMap<>();
            for (Append a : appends) {
                RunRow row = runs.get(a.runId());
                if (row == null) row = runRow(a.runId());
                if (row.lastSeq() != a.runSeq() - 1) throw new ConcurrentAppendException(a.runId(), a.runSeq());
                // Rolling back a run that has ended changes the target again: it must hold the
                // target's lock, as it did while it ran, until the rollback ends.
                boolean reopens = a.event() instanceof RunEvent.RollbackRequested && row.status().isTerminal();
                if (reopens) takeLock(RunStarts.lockKey(row.runbook(), row.environment()), a.runId(), a.at());
                JournalRow entry = JournalRow.after(head, a.runId(), a.runSeq(), a.actor(), a.event(), a.at());
                rows.add(entry);
                head = entry.head();
                stepRow(a.runId(), a.after().step());
                if (a.after().status().isTerminal() && !reopens) {
                    db.update("DELETE FROM locks WHERE run_id = ?", a.runId());
                }
                runs.put(a.runId(), new RunRow(a.runSeq(), a.after().status(), row.runbook(), row.environment()));
                lastOfRun.put(a.runId(), a);
                stored.add(new StoredEvent(head.seq(), a.runId(), a.runSeq(), a.at(), a.actor(), a.event()));
            }
            insert(rows);
            for (Append last : lastOfRun.values()) runSummary(last.runId(), last.runSeq(), last.at(), last.after());
            return stored;
        });
    }

    StoredEvent appendGlobal(String actor, RunEvent event, Instant at) {
        return db.inTransaction(() -> insertGlobal(actor, event, at));
    }

    /** A global entry inside the caller's write transaction, so it commits with the caller's change or not at all. */
    StoredEvent insertGlobal(String actor, RunEvent event, Instant at) throws SQLException {
        Head head = journalRow(head(), null, null, actor, event, at);
        return new StoredEvent(head.seq(), null, 0, at, actor, event);
    }

    private void takeLock(String lockKey, String runId, Instant at) throws SQLException {
        PreparedStatement q = db.cached("SELECT run_id FROM locks WHERE lock_key = ?");
        q.setString(1, lockKey);
        try (ResultSet rs = q.executeQuery()) {
            if (rs.next()) {
                // Held by this very run (a rollback asked for again after its driver failed): already ours.
                if (rs.getString(1).equals(runId)) return;
                throw new LockedException(lockKey, rs.getString(1));
            }
        }
        db.update("INSERT INTO locks (lock_key, run_id, acquired_at) VALUES (?, ?, ?)", lockKey, runId, at.toString());
    }

    /** The journal's last entry: its sequence number and hash (0 and the genesis hash when empty). */
    private record Head(long seq, String hash) {}

    /** What an append checks of its run's row, as of the entry before it. */
    private record RunRow(int lastSeq, RunStatus status, String runbook, String environment) {}

    private Head head() throws SQLException {
        try (ResultSet rs = db.cached("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").executeQuery()) {
            return rs.next() ? new Head(rs.getLong(1), rs.getString(2)) : new Head(0, JournalHash.GENESIS);
        }
    }

    private RunRow runRow(String runId) throws SQLException {
        PreparedStatement q = db.cached("SELECT last_seq, status, runbook, environment FROM runs WHERE id = ?");
        q.setString(1, runId);
        try (ResultSet rs = q.executeQuery()) {
            if (!rs.next()) throw new IllegalArgumentException("no run " + runId);
            return runRow(runId, rs);
        }
    }

    private static RunRow runRow(String runId, ResultSet rs) throws SQLException {
        try {
            return new RunRow(rs.getInt(1), Columns.enumValue(RunStatus.class, "status", rs.getString(2)), rs.getString(3), rs.getString(4));
        } catch (Columns.Unreadable e) {
            throw e.in("runs", runId);
        }
    }

    /**
     * The journal's head and {@code runId}'s row in one query (a step boundary reads both, and
     * each statement is a crossing into SQLite); the row goes into {@code runs}.
     */
    private Head headAndRun(String runId, Map<String, RunRow> runs) throws SQLException {
        PreparedStatement q = db.cached("SELECT r.last_seq, r.status, r.runbook, r.environment, j.seq, j.hash FROM runs r"
                + " LEFT JOIN (SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1) j ON 1 WHERE r.id = ?");
        q.setString(1, runId);
        try (ResultSet rs = q.executeQuery()) {
            if (!rs.next()) throw new IllegalArgumentException("no run " + runId);
            runs.put(runId, runRow(runId, rs));
            String hash = rs.getString(6);
            return hash == null ? new Head(0, JournalHash.GENESIS) : new Head(rs.getLong(5), hash);
        }
    }

    /** One journal entry, chained by hash to the entry before it. */
    private record JournalRow(long seq, String runId, Integer runSeq, String at, String actor, String type,
                              String payload, String prevHash, String hash) {

        static JournalRow after(Head head, String runId, Integer runSeq, String actor, RunEvent event, Instant at) {
            long seq = head.seq() + 1;
            String when = at.toString();
            String type = event.type();
            String payload = EventCodec.encode(event);
            String hash = JournalHash.of(head.hash(), seq, runId, runSeq, when, actor, type, payload);
            return new JournalRow(seq, runId, runSeq, when, actor, type, payload, head.hash(), hash);
        }

        Head head() {
            return new Head(seq, hash);
        }

        Object[] values() {
            return new Object[] {seq, runId, runSeq, at, actor, type, payload, prevHash, hash};
        }
    }

    /** Writes one journal entry after {@code head}; returns the new head. */
    private Head journalRow(Head head, String runId, Integer runSeq, String actor, RunEvent event, Instant at)
            throws SQLException {
        JournalRow row = JournalRow.after(head, runId, runSeq, actor, event, at);
        insert(List.of(row));
        return row.head();
    }

    private void insert(List<JournalRow> rows) throws SQLException {
        JOURNAL.insert(db, rows.stream().map(JournalRow::values).toList());
    }

    private void stepRow(String runId, RunSnapshot.StepRow step) throws SQLException {
        if (step == null) return;
        db.update("UPDATE run_steps SET status = ?, attempt = ?, started_at = ?, finished_at = ?, detail = ?, approvers = ?,"
                        + " confirmed_by = ? WHERE run_id = ? AND step_id = ?",
                step.status().name(), step.attempt(), text(step.startedAt()), text(step.finishedAt()), step.detail(),
                step.approvers().isEmpty() ? null : String.join("\n", step.approvers()), step.confirmedBy(), runId, step.id());
    }

    private void runSummary(String runId, int runSeq, Instant at, RunSnapshot after) throws SQLException {
        var waiting = after.awaiting();
        db.update("UPDATE runs SET status = ?, updated_at = ?, last_seq = ?, phase = ?, finished_at = ?, reason = ?,"
                        + " awaiting_step = ?, awaiting_kind = ?, awaiting_reason = ?, awaiting_until = ?, awaiting_approvals = ? WHERE id = ?",
                after.status().name(), at.toString(), runSeq, after.phase().name(), text(after.finishedAt()), after.reason(),
                waiting == null ? null : waiting.step(), waiting == null ? null : waiting.await().name(),
                waiting == null ? null : waiting.reason(), waiting == null ? null : text(waiting.until()),
                waiting == null ? null : waiting.approvalsNeeded(), runId);
    }
}
