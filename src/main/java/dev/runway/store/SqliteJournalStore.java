package dev.runway.store;

import dev.runway.engine.JournalStore;
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
 * The embedded store: one SQLite file in {@code RUNWAY_HOME}. One connection per process;
 * writers serialize on SQLite's lock ({@code BEGIN IMMEDIATE}, busy timeout), so a running
 * release and an approver in another terminal can write to the same file. The work is split
 * by responsibility: {@link JournalAppends}, {@link RunQueries}, {@link RunLeases},
 * {@link StepOutputs}; this class serializes the process's calls on its one connection.
 */
public final class SqliteJournalStore implements JournalStore {

    private final SqliteSession db;
    private final JournalAppends appends;
    private final RunQueries queries;
    private final RunLeases leases;
    private final StepOutputs outputs;

    public SqliteJournalStore(Path home) {
        this.db = new SqliteSession(home);
        this.appends = new JournalAppends(db);
        this.queries = new RunQueries(db);
        this.leases = new RunLeases(db);
        this.outputs = new StepOutputs(db);
    }

    @Override
    public synchronized StoredEvent create(String runId, String lockKey, String actor, RunStarted started, Instant at,
                                           List<RunSnapshot.StepOutline> steps) {
        return appends.create(runId, lockKey, actor, started, at, steps);
    }

    @Override
    public synchronized StoredEvent append(Append a) {
        return appends.append(a);
    }

    @Override
    public synchronized List<StoredEvent> appendAll(List<Append> appends) {
        return this.appends.appendAll(appends);
    }

    @Override
    public synchronized StoredEvent appendGlobal(String actor, RunEvent event, Instant at) {
        return appends.appendGlobal(actor, event, at);
    }

    @Override
    public synchronized List<StoredEvent> load(String runId) {
        return queries.since(runId, 0);
    }

    @Override
    public synchronized List<StoredEvent> since(String runId, int afterRunSeq) {
        return queries.since(runId, afterRunSeq);
    }

    @Override
    public synchronized Optional<RunSummary> summary(String runId) {
        return queries.summary(runId);
    }

    @Override
    public synchronized List<RunSummary> list(int limit, int offset, String afterRun) {
        return queries.list(limit, offset, afterRun);
    }

    @Override
    public synchronized int countRuns() {
        return queries.countRuns();
    }

    @Override
    public synchronized List<String> findRunIds(String prefix) {
        return queries.findRunIds(prefix);
    }

    @Override
    public synchronized List<RunSnapshot.StepListing> steps(String runId) {
        return queries.steps(runId);
    }

    @Override
    public synchronized boolean claim(String runId, String owner, Instant now, Instant leaseUntil, Predicate<String> ownerIsGone) {
        return leases.claim(runId, owner, now, leaseUntil, ownerIsGone);
    }

    @Override
    public synchronized void renew(String runId, String owner, Instant leaseUntil) {
        leases.renew(runId, owner, leaseUntil);
    }

    @Override
    public synchronized void release(String runId, String owner) {
        leases.release(runId, owner);
    }

    @Override
    public synchronized Optional<String> owner(String runId) {
        return leases.owner(runId);
    }

    @Override
    public synchronized void appendOutput(String runId, String step, int attempt, String text) {
        outputs.append(runId, step, attempt, text);
    }

    @Override
    public synchronized List<OutputChunk> output(String runId, String step, long afterId) {
        return outputs.read(runId, step, afterId);
    }

    @Override
    public synchronized List<ChainedEntry> chain() {
        return queries.chain();
    }

    @Override
    public synchronized void close() {
        db.close();
    }
}
