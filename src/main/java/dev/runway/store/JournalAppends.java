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
import java.util.List;

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
            int ordinal = 0;
            for (RunSnapshot.StepOutline step : steps) {
                db.update("INSERT INTO run_steps (run_id, ordinal, step_id, kind, rollback, status, attempt) VALUES (?, ?, ?, ?, ?, ?, 0)",
                        runId, ordinal++, step.id(), step.kind(), step.rollback() ? 1 : 0, StepStatus.PENDING.name());
            }
            return insert(runId, 1, actor, started, at,
                    new RunSnapshot(RunStatus.RUNNING, RunState.Phase.FORWARD, null, null, null, null));
        });
    }

    StoredEvent append(Append a) {
        return db.inTransaction(() -> insert(a.runId(), a.runSeq(), a.actor(), a.event(), a.at(), a.after()));
    }

    List<StoredEvent> appendAll(List<Append> appends) {
        return db.inTransaction(() -> {
            List<StoredEvent> stored = new ArrayList<>(appends.size());
            for (Append a : appends) stored.add(insert(a.runId(), a.runSeq(), a.actor(), a.event(), a.at(), a.after()));
            return stored;
        });
    }

    StoredEvent appendGlobal(String actor, RunEvent event, Instant at) {
        return db.inTransaction(() -> insertGlobal(actor, event, at));
    }

    /** A global entry inside the caller's write transaction, so it commits with the caller's change or not at all. */
    StoredEvent insertGlobal(String actor, RunEvent event, Instant at) throws SQLException {
        return insert(null, null, actor, event, at, null);
    }

    private void takeLock(String lockKey, String runId, Instant at) throws SQLException {
        PreparedStatement q = db.cached("SELECT run_id FROM locks WHERE lock_key = ?");
        q.setString(1, lockKey);
        try (ResultSet rs = q.executeQuery()) {
            if (rs.next()) throw new LockedException(lockKey, rs.getString(1));
        }
        db.update("INSERT INTO locks (lock_key, run_id, acquired_at) VALUES (?, ?, ?)", lockKey, runId, at.toString());
    }

    private StoredEvent insert(String runId, Integer runSeq, String actor, RunEvent event, Instant at,
                               RunSnapshot after) throws SQLException {
        boolean reopens = false;
        if (runId != null) {
            PreparedStatement q = db.cached("SELECT last_seq, status, runbook, environment FROM runs WHERE id = ?");
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) throw new IllegalArgumentException("no run " + runId);
                if (rs.getInt(1) != runSeq - 1) throw new ConcurrentAppendException(runId, runSeq);
                // Rolling back a run that has ended changes the target again: it must hold the
                // target's lock, as it did while it ran, until the rollback ends.
                reopens = event instanceof RunEvent.RollbackRequested && RunStatus.valueOf(rs.getString(2)).isTerminal();
                if (reopens) takeLock(RunStarts.lockKey(rs.getString(3), rs.getString(4)), runId, at);
            }
        }
        long seq;
        String prev;
        try (ResultSet rs = db.cached("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").executeQuery()) {
            seq = rs.next() ? rs.getLong(1) + 1 : 1;
            prev = seq == 1 ? JournalHash.GENESIS : rs.getString(2);
        }
        String when = at.toString();
        String type = event.type();
        String payload = EventCodec.encode(event);
        String hash = JournalHash.of(prev, seq, runId, runSeq, when, actor, type, payload);
        db.update("INSERT INTO journal (seq, run_id, run_seq, at, actor, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                seq, runId, runSeq, when, actor, type, payload, prev, hash);
        if (runId != null) {
            var waiting = after.awaiting();
            db.update("UPDATE runs SET status = ?, updated_at = ?, last_seq = ?, phase = ?, finished_at = ?, reason = ?,"
                            + " awaiting_step = ?, awaiting_kind = ?, awaiting_reason = ?, awaiting_until = ? WHERE id = ?",
                    after.status().name(), when, runSeq, after.phase().name(), text(after.finishedAt()), after.reason(),
                    waiting == null ? null : waiting.step(), waiting == null ? null : waiting.await().name(),
                    waiting == null ? null : waiting.reason(), waiting == null ? null : text(waiting.until()), runId);
            RunSnapshot.StepRow step = after.step();
            if (step != null) {
                db.update("UPDATE run_steps SET status = ?, attempt = ?, started_at = ?, finished_at = ?, detail = ?, approvers = ?,"
                                + " confirmed_by = ? WHERE run_id = ? AND step_id = ?",
                        step.status().name(), step.attempt(), text(step.startedAt()), text(step.finishedAt()), step.detail(),
                        step.approvers().isEmpty() ? null : String.join("\n", step.approvers()), step.confirmedBy(), runId, step.id());
            }
            if (after.status().isTerminal() && !reopens) {
                db.update("DELETE FROM locks WHERE run_id = ?", runId);
            }
        }
        return new StoredEvent(seq, runId, runSeq == null ? 0 : runSeq, at, actor, event);
    }
}
