package dev.runway.engine;

import dev.runway.engine.RunEvent.RunStarted;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where runs live: the append-only journal of every run, a summary row per run for listings,
 * a lock per release target, run ownership, and captured step output. The engine declares
 * this; {@code store} implements it (SQLite embedded, PostgreSQL for teams).
 *
 * <p>Appends are optimistic: the caller names the run sequence number it expects to write;
 * when another process got there first the append fails with {@link ConcurrentAppendException}
 * and the caller re-reads and re-decides. Every append is durable (fsync'd) when it returns.
 *
 * <pre>{@code
 * StoredEvent e = store.append(new Append(runId, state.lastRunSeq() + 1, "alice",
 *         new RunEvent.Approved("prod-gate", "alice", "looks good"), clock.instant(), RunStatus.WAITING));
 * }</pre>
 */
public interface JournalStore extends AutoCloseable {

    /**
     * One event to append, with the run's status after it (kept in the run's summary row).
     * A terminal status releases the run's lock in the same transaction; a rollback requested
     * after the run ended takes it again (or fails with {@link LockedException}) until the
     * rollback ends.
     */
    record Append(String runId, int runSeq, String actor, RunEvent event, Instant at, RunSnapshot after) {
        public RunStatus statusAfter() {
            return after.status();
        }
    }

    /**
     * Creates the run, takes the lock for {@code lockKey}, lists its steps in the read model and
     * appends {@code RunStarted}, atomically.
     */
    StoredEvent create(String runId, String lockKey, String actor, RunStarted started, Instant at,
                       List<RunSnapshot.StepOutline> steps);

    /** The read model's step rows of a run, in plan order. */
    List<RunSnapshot.StepListing> steps(String runId);

    /**
     * What {@code runway status} prints of each step, in plan order. A thousand-step run's
     * full rows took a fifth of a status call to read; this reads half the columns.
     */
    List<RunSnapshot.StepLine> stepLines(String runId);

    StoredEvent append(Append append);

    /** Appends several events of one run in one durable transaction, all or none. */
    List<StoredEvent> appendAll(List<Append> appends);

    /** A journal entry that belongs to no run (e.g. an audit verification, a refused sign-in). */
    StoredEvent appendGlobal(String actor, RunEvent event, Instant at);

    List<StoredEvent> load(String runId);

    /**
     * The run's entries of these types only ({@link RunEvent#type()}), in run order: a few kinds
     * of a long run without reading its every entry, e.g. {@code load(runId, Set.of("gate.approved"))}.
     */
    List<StoredEvent> load(String runId, java.util.Set<String> types);

    /**
     * The run's entries of these types that came after its newest entry of type {@code mark}
     * (all of them when it has none), in run order: what people answered since the run's
     * current wait began, without reading (or decoding) anything from before it.
     */
    List<StoredEvent> loadAfterLast(String runId, java.util.Set<String> types, String mark);

    /** The run's entries with run sequence numbers above {@code afterRunSeq}. */
    List<StoredEvent> since(String runId, int afterRunSeq);

    Optional<RunSummary> summary(String runId);

    /** Newest first. */
    default List<RunSummary> list(int limit) {
        return list(limit, 0, null);
    }

    /**
     * One page of runs, newest first (by start time, then id): at most {@code limit} runs,
     * skipping {@code offset}, and when {@code afterRun} is not null only the runs listed after
     * that one. Paging by the last run of the previous page stays exact while new runs start;
     * paging by offset shifts by the runs started in between.
     */
    List<RunSummary> list(int limit, int offset, String afterRun);

    /** How many runs there are. */
    int countRuns();

    /** Runs whose id starts with {@code prefix}, newest first. */
    List<String> findRunIds(String prefix);

    /**
     * Takes ownership of a run so that only one process drives it. Succeeds when the run has no
     * owner, when its lease has expired, or when {@code ownerIsGone} says the owner process died.
     */
    boolean claim(String runId, String owner, Instant now, Instant leaseUntil, java.util.function.Predicate<String> ownerIsGone);

    void renew(String runId, String owner, Instant leaseUntil);

    void release(String runId, String owner);

    /** The current owner of a run, or empty. */
    Optional<String> owner(String runId);

    void appendOutput(String runId, String step, int attempt, String text);

    /** Output chunks with ids above {@code afterId}, for one step (or all steps when step is null). */
    List<OutputChunk> output(String runId, String step, long afterId);

    /**
     * Replaces the figures one window shows ({@code scope}: an observe step, or the armed
     * triggers); an empty list removes them. Read-model only, never journaled.
     */
    void showMonitors(String runId, String scope, List<MonitorReading> readings);

    /** Removes every window's figures of a run (a new drive starts with none). */
    void clearMonitors(String runId);

    /** The figures of the windows watching now, by scope, then in rule order. */
    List<MonitorReading> monitors(String runId);

    /** Keeps the values a monitor gave before the change. */
    void saveBaseline(String runId, String monitor, List<Double> values);

    /** The values kept by {@link #saveBaseline}, or empty. */
    Optional<List<Double>> baseline(String runId, String monitor);

    /** Every journal entry in global order with its hash chain fields, for verification. */
    List<ChainedEntry> chain();

    /**
     * The journal and the read model as of one moment, for audit: read in one transaction, so
     * runs advancing meanwhile cannot make them disagree.
     */
    AuditSnapshot auditSnapshot();

    @Override
    void close();

    record OutputChunk(long id, String step, int attempt, String text) {}

    /**
     * The journal, the read model and the stored output at one moment. A read model with a value
     * the store never writes cannot be read: {@code readModel} is then null and {@code unreadable}
     * says where.
     *
     * @param outputDigests the {@link OutputDigest} of each attempt's stored output chunks in the
     *                      order they were stored; attempts that stored none are absent
     */
    record AuditSnapshot(List<ChainedEntry> chain, ReadModel readModel, String unreadable,
                         java.util.Map<Attempt, String> outputDigests) {
        public static final AuditSnapshot EMPTY = new AuditSnapshot(List.of(), new ReadModel(List.of(), java.util.Map.of()), null,
                java.util.Map.of());
    }

    /** One attempt of one step of a run, whose output is stored under these three. */
    record Attempt(String runId, String step, int attempt) {}

    /** Every run's row and every step row, as stored; step rows by run id, also of runs that have no row. */
    record ReadModel(List<RunSummary> runs, java.util.Map<String, List<RunSnapshot.StepListing>> steps) {}

    /** A journal row exactly as stored, for the audit chain. */
    record ChainedEntry(long seq, String runId, Integer runSeq, String at, String actor, String type,
                        String payload, String prevHash, String hash) {}

    final class ConcurrentAppendException extends RuntimeException {
        public ConcurrentAppendException(String runId, int runSeq) {
            super("run " + runId + ": journal entry " + runSeq + " was written by another process first");
        }
    }

    /**
     * A stored value that the store never writes (a status in the wrong case, a time that is not
     * one): the file was edited outside Runway. Names the table, the row and the column.
     */
    final class CorruptValueException extends IllegalStateException {
        /**
         * @param row      which row, as a person finds it ("20261122-013102-k3f9", "run …, step deploy")
         * @param expected what the column holds when the store wrote it ("one of RUNNING, FAILED")
         */
        public CorruptValueException(String table, String row, String column, String value, String expected) {
            super("corrupt value in the store: table " + table + ", row " + row + ", column " + column + " holds "
                    + (value == null ? "NULL" : "\"" + value + "\"") + ", not " + expected + " (edited outside Runway?)");
        }
    }

    final class LockedException extends RuntimeException {
        private final String holder;

        public LockedException(String lockKey, String holder) {
            super(lockKey + " is locked by run " + holder + "; finish, abort or roll back that run first");
            this.holder = holder;
        }

        public String holder() {
            return holder;
        }
    }
}
