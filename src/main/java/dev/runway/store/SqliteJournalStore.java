package dev.runway.store;

import dev.runway.engine.JournalStore;
import dev.runway.engine.RunEvent;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunSnapshot;
import dev.runway.engine.RunState;
import dev.runway.engine.RunStatus;
import dev.runway.engine.StepStatus;
import dev.runway.engine.RunSummary;
import dev.runway.engine.StoredEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The embedded store: one SQLite file in {@code RUNWAY_HOME}. One connection per process;
 * writers serialize on SQLite's lock ({@code BEGIN IMMEDIATE}, busy timeout), so a running
 * release and an approver in another terminal can write to the same file.
 */
public final class SqliteJournalStore implements JournalStore {

    private static final String SUMMARY_COLUMNS =
            "id, runbook, environment, title, file, initiator, status, created_at, updated_at, vars, last_seq";
    private static final String READ_COLUMNS = SUMMARY_COLUMNS
            + ", phase, finished_at, reason, awaiting_step, awaiting_kind, awaiting_reason, awaiting_until";

    private final Connection c;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    public SqliteJournalStore(Path home) {
        // Autocommit stays on: sqlite-jdbc's managed transactions re-open a write transaction
        // right after every commit, which would hold SQLite's write lock against every other
        // process. Writes take the lock explicitly (BEGIN IMMEDIATE) and only for their duration.
        this.c = SqliteDatabase.open(home);
    }

    @Override
    public synchronized StoredEvent create(String runId, String lockKey, String actor, RunStarted started, Instant at,
                                           List<RunSnapshot.StepOutline> steps) {
        return inTransaction(() -> {
            try (PreparedStatement q = c.prepareStatement("SELECT run_id FROM locks WHERE lock_key = ?")) {
                q.setString(1, lockKey);
                try (ResultSet rs = q.executeQuery()) {
                    if (rs.next()) throw new LockedException(lockKey, rs.getString(1));
                }
            }
            update("INSERT INTO locks (lock_key, run_id, acquired_at) VALUES (?, ?, ?)", lockKey, runId, at.toString());
            update("INSERT INTO runs (" + SUMMARY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                    runId, started.runbook(), started.environment(), started.title(), started.file(),
                    started.initiator(), RunStatus.RUNNING.name(), at.toString(), at.toString(),
                    VarsJson.write(started.vars()));
            int ordinal = 0;
            for (RunSnapshot.StepOutline step : steps) {
                update("INSERT INTO run_steps (run_id, ordinal, step_id, kind, rollback, status, attempt) VALUES (?, ?, ?, ?, ?, ?, 0)",
                        runId, ordinal++, step.id(), step.kind(), step.rollback() ? 1 : 0, StepStatus.PENDING.name());
            }
            return insert(runId, 1, actor, started, at,
                    new RunSnapshot(RunStatus.RUNNING, RunState.Phase.FORWARD, null, null, null, null));
        });
    }

    @Override
    public synchronized StoredEvent append(Append a) {
        return inTransaction(() -> insert(a.runId(), a.runSeq(), a.actor(), a.event(), a.at(), a.after()));
    }

    @Override
    public synchronized List<StoredEvent> appendAll(List<Append> appends) {
        return inTransaction(() -> {
            List<StoredEvent> stored = new ArrayList<>(appends.size());
            for (Append a : appends) stored.add(insert(a.runId(), a.runSeq(), a.actor(), a.event(), a.at(), a.after()));
            return stored;
        });
    }

    @Override
    public synchronized StoredEvent appendGlobal(String actor, RunEvent event, Instant at) {
        return inTransaction(() -> insert(null, null, actor, event, at, null));
    }

    private StoredEvent insert(String runId, Integer runSeq, String actor, RunEvent event, Instant at,
                               RunSnapshot after) throws SQLException {
        if (runId != null) {
            PreparedStatement q = cached("SELECT last_seq FROM runs WHERE id = ?");
            q.setString(1, runId);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) throw new IllegalArgumentException("no run " + runId);
                if (rs.getInt(1) != runSeq - 1) throw new ConcurrentAppendException(runId, runSeq);
            }
        }
        long seq;
        String prev;
        try (ResultSet rs = cached("SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1").executeQuery()) {
            seq = rs.next() ? rs.getLong(1) + 1 : 1;
            prev = seq == 1 ? JournalHash.GENESIS : rs.getString(2);
        }
        String when = at.toString();
        String type = event.type();
        String payload = EventCodec.encode(event);
        String hash = JournalHash.of(prev, seq, runId, runSeq, when, actor, type, payload);
        update("INSERT INTO journal (seq, run_id, run_seq, at, actor, type, payload, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                seq, runId, runSeq, when, actor, type, payload, prev, hash);
        if (runId != null) {
            var waiting = after.awaiting();
            update("UPDATE runs SET status = ?, updated_at = ?, last_seq = ?, phase = ?, finished_at = ?, reason = ?,"
                            + " awaiting_step = ?, awaiting_kind = ?, awaiting_reason = ?, awaiting_until = ? WHERE id = ?",
                    after.status().name(), when, runSeq, after.phase().name(), text(after.finishedAt()), after.reason(),
                    waiting == null ? null : waiting.step(), waiting == null ? null : waiting.await().name(),
                    waiting == null ? null : waiting.reason(), waiting == null ? null : text(waiting.until()), runId);
            RunSnapshot.StepRow step = after.step();
            if (step != null) {
                update("UPDATE run_steps SET status = ?, attempt = ?, started_at = ?, finished_at = ?, detail = ?, approvers = ?,"
                                + " confirmed_by = ? WHERE run_id = ? AND step_id = ?",
                        step.status().name(), step.attempt(), text(step.startedAt()), text(step.finishedAt()), step.detail(),
                        step.approvers().isEmpty() ? null : String.join("\n", step.approvers()), step.confirmedBy(), runId, step.id());
            }
            if (after.status().isTerminal()) {
                update("DELETE FROM locks WHERE run_id = ?", runId);
            }
        }
        return new StoredEvent(seq, runId, runSeq == null ? 0 : runSeq, at, actor, event);
    }

    @Override
    public synchronized List<StoredEvent> load(String runId) {
        return since(runId, 0);
    }

    @Override
    public synchronized List<StoredEvent> since(String runId, int afterRunSeq) {
        return read(() -> {
            List<StoredEvent> out = new ArrayList<>();
            PreparedStatement q = cached(
                    "SELECT seq, run_seq, at, actor, type, payload FROM journal WHERE run_id = ? AND run_seq > ? ORDER BY run_seq");
            q.setString(1, runId);
            q.setInt(2, afterRunSeq);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredEvent(rs.getLong(1), runId, rs.getInt(2), Instant.parse(rs.getString(3)),
                            rs.getString(4), EventCodec.decode(rs.getString(5), rs.getString(6))));
                }
            }
            return out;
        });
    }

    @Override
    public synchronized Optional<RunSummary> summary(String runId) {
        return read(() -> summaries("SELECT " + READ_COLUMNS + " FROM runs WHERE id = ?", runId).stream().findFirst());
    }

    @Override
    public synchronized List<RunSummary> list(int limit, int offset, String afterRun) {
        // The row value comparison walks the runs_created index from the cursor on, like the order does.
        String after = afterRun == null ? "" : " WHERE (created_at, id) < (SELECT created_at, id FROM runs WHERE id = ?)";
        String sql = "SELECT " + READ_COLUMNS + " FROM runs" + after + " ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?";
        return read(() -> afterRun == null ? summaries(sql, limit, offset) : summaries(sql, afterRun, limit, offset));
    }

    @Override
    public synchronized int countRuns() {
        return read(() -> {
            try (ResultSet rs = cached("SELECT count(*) FROM runs").executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        });
    }

    @Override
    public synchronized List<String> findRunIds(String prefix) {
        return read(() -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
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

    private List<RunSummary> summaries(String sql, Object... args) throws Exception {
        List<RunSummary> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement(sql)) {
            bind(q, args);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> vars = VarsJson.read(rs.getString(10));
                    String awaitingStep = rs.getString(15);
                    RunSummary.Awaiting awaiting = awaitingStep == null ? null : new RunSummary.Awaiting(awaitingStep,
                            RunEvent.Await.valueOf(rs.getString(16)), rs.getString(17), instant(rs.getString(18)));
                    out.add(new RunSummary(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6), RunStatus.valueOf(rs.getString(7)),
                            Instant.parse(rs.getString(8)), Instant.parse(rs.getString(9)), vars, rs.getInt(11),
                            RunState.Phase.valueOf(rs.getString(12)), instant(rs.getString(13)), rs.getString(14), awaiting));
                }
            }
        }
        return out;
    }

    @Override
    public synchronized List<RunSnapshot.StepListing> steps(String runId) {
        return read(() -> {
            List<RunSnapshot.StepListing> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT step_id, status, attempt, started_at, finished_at, detail, approvers, kind, rollback, confirmed_by"
                    + " FROM run_steps WHERE run_id = ? ORDER BY ordinal")) {
                q.setString(1, runId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        String approvers = rs.getString(7);
                        var row = new RunSnapshot.StepRow(rs.getString(1), StepStatus.valueOf(rs.getString(2)), rs.getInt(3),
                                instant(rs.getString(4)), instant(rs.getString(5)), rs.getString(6),
                                approvers == null ? List.of() : List.of(approvers.split("\n")), rs.getString(10));
                        out.add(new RunSnapshot.StepListing(new RunSnapshot.StepOutline(row.id(), rs.getString(8), rs.getInt(9) == 1), row));
                    }
                }
            }
            return out;
        });
    }

    private static Instant instant(String text) {
        return text == null ? null : Instant.parse(text);
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    @Override
    public synchronized boolean claim(String runId, String owner, Instant now, Instant leaseUntil, Predicate<String> ownerIsGone) {
        return inTransaction(() -> {
            String current = null;
            Instant lease = null;
            try (PreparedStatement q = c.prepareStatement("SELECT owner, lease_until FROM runs WHERE id = ?")) {
                q.setString(1, runId);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) throw new IllegalArgumentException("no run " + runId);
                    current = rs.getString(1);
                    lease = rs.getString(2) == null ? null : Instant.parse(rs.getString(2));
                }
            }
            boolean free = current == null || current.equals(owner) || lease == null || lease.isBefore(now)
                    || ownerIsGone.test(current);
            if (free) update("UPDATE runs SET owner = ?, lease_until = ? WHERE id = ?", owner, leaseUntil.toString(), runId);
            return free;
        });
    }

    @Override
    public synchronized void renew(String runId, String owner, Instant leaseUntil) {
        inTransaction(() -> update("UPDATE runs SET lease_until = ? WHERE id = ? AND owner = ?",
                leaseUntil.toString(), runId, owner));
    }

    @Override
    public synchronized void release(String runId, String owner) {
        inTransaction(() -> update("UPDATE runs SET owner = NULL, lease_until = NULL WHERE id = ? AND owner = ?", runId, owner));
    }

    @Override
    public synchronized Optional<String> owner(String runId) {
        return read(() -> {
            try (PreparedStatement q = c.prepareStatement("SELECT owner FROM runs WHERE id = ?")) {
                q.setString(1, runId);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public synchronized void appendOutput(String runId, String step, int attempt, String text) {
        // Each write is a commit (fsync'd like every other); the sink batches output so a
        // chatty step costs at most a few commits a second.
        inTransaction(() -> update("INSERT INTO step_output (run_id, step_id, attempt, text) VALUES (?, ?, ?, ?)",
                runId, step, attempt, text));
    }

    @Override
    public synchronized List<OutputChunk> output(String runId, String step, long afterId) {
        return read(() -> {
            List<OutputChunk> out = new ArrayList<>();
            String sql = "SELECT id, step_id, attempt, text FROM step_output WHERE run_id = ? AND id > ?"
                    + (step == null ? "" : " AND step_id = ?") + " ORDER BY id";
            try (PreparedStatement q = c.prepareStatement(sql)) {
                if (step == null) bind(q, runId, afterId); else bind(q, runId, afterId, step);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) out.add(new OutputChunk(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4)));
                }
            }
            return out;
        });
    }

    @Override
    public synchronized List<ChainedEntry> chain() {
        return read(() -> {
            List<ChainedEntry> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(
                    "SELECT seq, run_id, run_seq, at, actor, type, payload, prev_hash, hash FROM journal ORDER BY rowid");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    int runSeq = rs.getInt(3);
                    out.add(new ChainedEntry(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : runSeq,
                            rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9)));
                }
            }
            return out;
        });
    }

    @Override
    public synchronized void close() {
        try {
            for (PreparedStatement q : statements.values()) q.close();
            statements.clear();
            c.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close the database", e);
        }
    }

    private interface Work<T> {
        T run() throws Exception;
    }

    private interface VoidWork {
        void run() throws Exception;
    }

    private <T> T inTransaction(Work<T> work) {
        try {
            execute("BEGIN IMMEDIATE");
        } catch (SQLException e) {
            throw new StoreException("cannot start a database write: " + e.getMessage(), e);
        }
        try {
            T result = work.run();
            execute("COMMIT");
            return result;
        } catch (RuntimeException e) {
            rollbackQuietly();
            throw e;
        } catch (Exception e) {
            rollbackQuietly();
            throw new StoreException("database write failed: " + e.getMessage(), e);
        }
    }

    private void execute(String sql) throws SQLException {
        try (var s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private void inTransaction(VoidWork work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /** Reads run in autocommit mode, so a long-lived process always sees other processes' commits. */
    private <T> T read(Work<T> work) {
        try {
            return work.run();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreException("database read failed: " + e.getMessage(), e);
        }
    }

    private void rollbackQuietly() {
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // the original failure is what matters
        }
    }

    private void update(String sql, Object... args) throws SQLException {
        PreparedStatement q = cached(sql);
        bind(q, args);
        q.executeUpdate();
    }

    /**
     * Statements are compiled once per process and reused: SQLite's prepare step cost about a
     * tenth of a millisecond per append, a third of the work besides the fsync. Only this
     * class's fixed SQL strings come here, so the cache stays small. Callers close the result
     * set, never the statement.
     */
    private PreparedStatement cached(String sql) throws SQLException {
        PreparedStatement q = statements.get(sql);
        if (q == null) {
            q = c.prepareStatement(sql);
            statements.put(sql, q);
        }
        return q;
    }

    private static void bind(PreparedStatement q, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) q.setObject(i + 1, args[i]);
    }
}
