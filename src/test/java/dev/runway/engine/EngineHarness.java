package dev.runway.engine;

import dev.runway.access.Identity;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.plan.BindResult;
import dev.runway.plan.Binder;
import dev.runway.plan.Plan;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.RunbookLoader;
import dev.runway.store.SqliteJournalStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;

/** Runs runbooks in-process against a real SQLite store in a temp dir and real bash. */
final class EngineHarness implements AutoCloseable {

    final Path dir;
    final JournalStore store;
    final Clock clock = Clock.systemUTC();
    final Engine engine;
    final Interventions people;
    private int runs;

    EngineHarness(Path dir) {
        this.dir = dir;
        this.store = new SqliteJournalStore(dir.resolve("home"));
        this.engine = new Engine(store, clock, StepExecutors.standard(clock));
        this.people = new Interventions(store, clock, state -> plan(state.start()));
    }

    Plan plan(RunStarted started) {
        return RunStarts.rebind(started, Map.of(), false).plan();
    }

    /** Creates a run of the given Markdown; the file lives in the harness dir so steps run there. */
    String start(String markdown, String initiator) throws Exception {
        return start(markdown, initiator, dir);
    }

    /** As {@link #start(String, String)}, with the runbook (so the steps' working directory) in {@code where}. */
    String start(String markdown, String initiator, Path where) throws Exception {
        Files.createDirectories(where);
        Path file = where.resolve("runbook-" + (++runs) + ".md");
        Files.writeString(file, markdown);
        Runbook rb = RunbookLoader.load(file);
        if (rb.hasErrors()) throw new IllegalArgumentException(rb.diagnostics().toString());
        BindResult bound = Binder.bind(rb, Map.of(), Map.of(), true);
        if (!bound.ok()) throw new IllegalArgumentException(bound.errors().toString());
        String id = "run-" + runs;
        engine.start(id, "rb-" + runs + "@test", new RunStarted("rb-" + runs, "test", rb.title(), file.toString(),
                rb.source(), "sha", bound.plan().bindings().values(), rb.front().secrets(), initiator, Map.of()), bound.plan());
        return id;
    }

    RunStatus drive(String runId) throws InterruptedException {
        RunState state = state(runId);
        return engine.drive(runId, plan(state.start()), true, RunListener.NONE);
    }

    RunState state(String runId) {
        return RunState.fold(runId, store.load(runId));
    }

    StepState step(String runId, String stepId) {
        return state(runId).stepOrPending(stepId);
    }

    /** Pretends the process died right after journaling the start of a step. */
    void crashDuring(String runId, String stepId) {
        RunState s = state(runId);
        RunEvent started = new RunEvent.StepStarted(stepId, s.stepOrPending(stepId).attempt() + 1);
        append(runId, started);
    }

    /** Appends an event as another process would, with its read-model snapshot. */
    void append(String runId, RunEvent event) {
        RunState s = state(runId);
        Instant at = Instant.now(); // one time for the entry and its snapshot, as a real append has
        s.apply(new StoredEvent(0, runId, s.lastRunSeq() + 1, at, "test", event));
        store.append(new JournalStore.Append(runId, s.lastRunSeq(), "test", event, at, s.snapshot()));
    }

    static Identity person(String name, String... roles) {
        return new Identity(name, Set.of(roles));
    }

    @Override
    public void close() {
        store.close();
    }

    static final ZoneOffset UTC = ZoneOffset.UTC;
}
