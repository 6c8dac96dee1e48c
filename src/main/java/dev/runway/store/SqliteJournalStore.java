package dev.runway.store;

import dev.runway.engine.JournalStore;
import dev.runway.engine.MonitorReading;
import dev.runway.engine.RunEvent;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunSnapshot;
import dev.runway.engine.RunSummary;
import dev.runway.engine.StoredEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The embedded store: one SQLite file in {@code RUNWAY_HOME}. Writers serialize on SQLite's
 * lock ({@code BEGIN IMMEDIATE}, busy timeout), so a running release and an approver in another
 * terminal can write to the same file. The work is split by responsibility:
 * {@link JournalAppends}, {@link RunQueries}, {@link RunLeases}, {@link StepOutputs},
 * {@link RunMonitors}; each
 * connection ({@link SqliteSession}) does one call at a time.
 *
 * <p>A CLI process uses one connection. A server also opens a second one for reading
 * ({@link #forServer}): with WAL, readers never wait for a writer, so a status request does not
 * queue behind another request's fsync'd commit.
 */
public final class SqliteJournalStore implements JournalStore {

    private final SqliteSession db;
    private final SqliteSession reads;
    private final JournalAppends appends;
    private final RunQueries queries;
    private final RunLeases leases;
    private final StepOutputs outputs;
    private final RunMonitors monitors;

    public SqliteJournalStore(Path home) {
        this(new SqliteSession(home), null);
    }

    private SqliteJournalStore(SqliteSession db, SqliteSession separateReads) {
        this.db = db;
        this.reads = separateReads == null ? db : separateReads;
        this.appends = new JournalAppends(db);
        this.queries = new RunQueries(reads);
        this.leases = new RunLeases(db);
        this.outputs = new StepOutputs(db, reads);
        this.monitors = new RunMonitors(db, reads);
    }

    /**
     * The store of a home that has a database, or empty when it has none: read-only commands
     * ({@code status}, {@code history}, {@code report}…) then create neither the file nor the home.
     */
    public static Optional<SqliteJournalStore> existing(Path home) {
        if (!existsIn(home)) return Optional.empty();
        return Optional.of(new SqliteJournalStore(new SqliteSession(home, false), null));
    }

    /** Whether {@code home} has a database: anything was ever recorded there. */
    public static boolean existsIn(Path home) {
        return SqliteDatabase.exists(home);
    }

    /** The store with a connection for writes and another for reads, for many concurrent callers. */
    public static SqliteJournalStore forServer(Path home) {
        return new SqliteJournalStore(new SqliteSession(home), new SqliteSession(home));
    }

    @Override
    public StoredEvent create(String runId, String lockKey, String actor, RunStarted started, Instant at,
                                           List<RunSnapshot.StepOutline> steps) {
        return appends.create(runId, lockKey, actor, started, at, steps);
    }

    @Override
    public StoredEvent append(Append a) {
        return appends.append(a);
    }

    @Override
    public List<StoredEvent> appendAll(List<Append> appends) {
        return this.appends.appendAll(appends);
    }

    @Override
    public StoredEvent appendGlobal(String actor, RunEvent event, Instant at) {
        return appends.appendGlobal(actor, event, at);
    }

    @Override
    public List<StoredEvent> load(String runId) {
        return queries.since(runId, 0);
    }

    @Override
    public List<StoredEvent> load(String runId, java.util.Set<String> types) {
        return queries.ofTypes(runId, types);
    }

    @Override
    public List<StoredEvent> loadAfterLast(String runId, java.util.Set<String> types, String mark) {
        return queries.ofTypesAfterLast(runId, types, mark);
    }

    @Override
    public List<StoredEvent> since(String runId, int afterRunSeq) {
        return queries.since(runId, afterRunSeq);
    }

    @Override
    public Optional<RunSummary> summary(String runId) {
        return queries.summary(runId);
    }

    @Override
    public List<RunSummary> list(int limit, int offset, String afterRun) {
        return queries.list(limit, offset, afterRun);
    }

    @Override
    public int countRuns() {
        return queries.countRuns();
    }

    @Override
    public List<String> findRunIds(String prefix) {
        return queries.findRunIds(prefix);
    }

    @Override
    public List<RunSnapshot.StepListing> steps(String runId) {
        return queries.steps(runId);
    }

    @Override
    public List<RunSnapshot.StepLine> stepLines(String runId) {
        return queries.stepLines(runId);
    }

    @Override
    public boolean claim(String runId, String owner, Instant now, Instant leaseUntil, Predicate<String> ownerIsGone) {
        return leases.claim(runId, owner, now, leaseUntil, ownerIsGone);
    }

    @Override
    public void renew(String runId, String owner, Instant leaseUntil) {
        leases.renew(runId, owner, leaseUntil);
    }

    @Override
    public void release(String runId, String owner) {
        leases.release(runId, owner);
    }

    @Override
    public Optional<String> owner(String runId) {
        return leases.owner(runId);
    }

    @Override
    public void appendOutput(String runId, String step, int attempt, String text) {
        outputs.append(runId, step, attempt, text);
    }

    @Override
    public List<OutputChunk> output(String runId, String step, long afterId) {
        return outputs.read(runId, step, afterId);
    }

    @Override
    public void showMonitors(String runId, String scope, List<MonitorReading> readings) {
        monitors.show(runId, scope, readings);
    }

    @Override
    public void clearMonitors(String runId) {
        monitors.clear(runId);
    }

    @Override
    public List<MonitorReading> monitors(String runId) {
        return monitors.read(runId);
    }

    @Override
    public void saveBaseline(String runId, String monitor, List<Double> values) {
        monitors.saveBaseline(runId, monitor, values);
    }

    @Override
    public Optional<List<Double>> baseline(String runId, String monitor) {
        return monitors.baseline(runId, monitor);
    }

    @Override
    public List<ChainedEntry> chain() {
        return queries.chain();
    }

    @Override
    public AuditSnapshot auditSnapshot() {
        return queries.auditSnapshot(outputs::digests);
    }

    @Override
    public void close() {
        db.close();
        if (reads != db) reads.close();
    }
}
