package dev.runway.engine;

import dev.runway.engine.JournalStore.Append;
import dev.runway.engine.JournalStore.ConcurrentAppendException;
import dev.runway.engine.RunEvent.*;
import dev.runway.engine.step.SecretMasker;
import dev.runway.engine.step.StepContext;
import dev.runway.engine.step.StepExecutor;
import dev.runway.engine.step.StepOutcome;
import dev.runway.plan.Plan;
import dev.runway.plan.PlannedStep;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives runs: asks {@link NextMove} what to do, journals it, then does it. The journal entry
 * always comes first, so whatever moment the process dies at, the journal says what was done
 * and what was in flight, and {@link #drive} can pick the run up again.
 */
public final class Engine {

    /** How often a waiting run looks for approvals and decisions made by other processes. */
    static final Duration POLL = Duration.ofMillis(100);
    static final Duration LEASE = Duration.ofSeconds(30);

    private final JournalStore store;
    private final Clock clock;
    private final StepExecutors executors;
    private final RunOwner owner = RunOwner.current();
    private final Duration idlePoll;
    /** The thread driving each run here, to wake it when an intervention arrives through this process. */
    private final Map<String, Thread> drivers = new ConcurrentHashMap<>();

    public Engine(JournalStore store, Clock clock, StepExecutors executors) {
        this(store, clock, executors, POLL);
    }

    /**
     * @param idlePoll how often a run waiting for a person looks for approvals and decisions made
     *                 by other processes; those made through this process wake it at once
     *                 ({@link #wake}). A server with many waiting runs polls less often.
     */
    public Engine(JournalStore store, Clock clock, StepExecutors executors, Duration idlePoll) {
        this.store = store;
        this.clock = clock;
        this.executors = executors;
        this.idlePoll = idlePoll;
    }

    /** Something was journaled for {@code runId} here (an approval, a decision): its drive looks now. */
    public void wake(String runId) {
        Thread driver = drivers.get(runId);
        if (driver != null) LockSupport.unpark(driver);
    }

    /** Records a new run (taking the runbook's lock); {@link #drive} then executes it. */
    public RunState start(String runId, String lockKey, RunStarted started, Plan plan) {
        StoredEvent first = store.create(runId, lockKey, started.initiator(), started, clock.instant(), RunStarts.outline(plan));
        RunState state = new RunState(runId);
        state.apply(first);
        return state;
    }

    /**
     * Runs until the run ends, or, with {@code stopWhenWaitingForPerson}, until it waits for a
     * person. Returns the status it stopped in.
     *
     * @throws RunBusyException when another live process drives the run
     */
    public RunStatus drive(String runId, Plan plan, boolean stopWhenWaitingForPerson, RunListener listener)
            throws InterruptedException {
        return drive(runId, plan, stopWhenWaitingForPerson, listener, null);
    }

    /**
     * Like {@link #drive(String, Plan, boolean, RunListener)}, for a person resuming the run:
     * once this process holds the run, {@code resumedBy} is journaled and what follows is in
     * their name. A resume refused (another process drives the run) journals nothing.
     */
    public RunStatus drive(String runId, Plan plan, boolean stopWhenWaitingForPerson, RunListener listener, String resumedBy)
            throws InterruptedException {
        Instant now = clock.instant();
        if (!store.claim(runId, owner.toString(), now, now.plus(LEASE), RunOwner::isGone)) {
            throw new RunBusyException(runId, store.owner(runId).orElse("another process"));
        }
        Thread renewer = Thread.ofVirtual().name("lease-" + runId).start(() -> renewLease(runId));
        Drive drive = new Drive(runId, plan, stopWhenWaitingForPerson, listener, resumedBy);
        drivers.put(runId, Thread.currentThread());
        try {
            return drive.loop();
        } finally {
            drivers.remove(runId, Thread.currentThread());
            drive.disarm();
            renewer.interrupt();
            store.release(runId, owner.toString());
        }
    }

    private void renewLease(String runId) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(LEASE.dividedBy(3));
                store.renew(runId, owner.toString(), clock.instant().plus(LEASE));
            }
        } catch (InterruptedException e) {
            // the drive ended
        }
    }

    /** One drive of one run: the loop and the state it folds as it goes. */
    private final class Drive {
        private final String runId;
        private final Plan plan;
        private final boolean stopWhenWaitingForPerson;
        private final RunListener listener;
        private final SecretMasker masker;
        private final Path workdir;
        private RunState state;
        private final List<Append> pending = new ArrayList<>();
        /** The armed triggers' window while it runs, else null. */
        private Task armed;
        /** After unreadable triggers nobody was asked about: stay off until the journal moves on. */
        private int quietAt = -1;
        /** Probe and command monitors sampled before the change, until the first production step starts. */
        private dev.runway.engine.step.PreChangeBaseline before;
        private final RunBoard board;
        private final ReadiedAhead ahead = new ReadiedAhead();
        private final String resumedBy;
        /** Set by {@link #flush} when another process's entries came first and a step's start was withdrawn. */
        private boolean startWithdrawn;

        Drive(String runId, Plan plan, boolean stopWhenWaitingForPerson, RunListener listener, String resumedBy) {
            this.runId = runId;
            this.resumedBy = resumedBy;
            this.plan = plan;
            this.stopWhenWaitingForPerson = stopWhenWaitingForPerson;
            this.listener = listener;
            this.masker = new SecretMasker(plan.bindings().secrets().values());
            Path file = Path.of(plan.runbook().file()).toAbsolutePath();
            this.workdir = file.getParent() == null ? Path.of(".").toAbsolutePath() : file.getParent();
            this.board = new RunBoard(store, runId, listener, () -> armed != null && !armed.done());
        }

        RunStatus loop() throws InterruptedException {
            // Figures a dead process left behind are not current; the windows of this drive show their own.
            store.clearMonitors(runId);
            reload();
            if (resumedBy != null && state.status() != null && (!state.status().isTerminal() || state.rollbackPending())) {
                record(new RunResumed(resumedBy));
                flush();
            }
            recordInterruptions();
            PlannedStep production = TriggerArming.firstProductionStep(plan);
            if (state.phase() == RunState.Phase.FORWARD && production != null
                    && state.stepOrPending(production.id()).status() == StepStatus.PENDING) {
                before = dev.runway.engine.step.PreChangeBaseline.start(clock, plan.runbook().front(),
                        plan.bindings().environment(), workdir);
            }
            Instant lastTick = Instant.EPOCH;
            while (true) {
                if (pending.isEmpty()) absorb();
                if (pending.isEmpty() && heedTriggers()) continue;
                Instant now = clock.instant();
                Move move = NextMove.decide(plan, state, now);
                if (!(move instanceof Move.Execute)) ahead.drop();
                try {
                    switch (move) {
                        case Move.Done d -> {
                            flush();
                            return state.status();
                        }
                        case Move.Execute e -> execute(e);
                        case Move.Delay d -> {
                            flush();
                            pause(d.until());
                        }
                        case Move.Await a -> {
                            keepBaseline(a.step());
                            record(new StepAwaiting(a.step(), a.kind(), a.reason(), a.until(), a.approvalsNeeded()));
                            flush();
                            arm();
                        }
                        case Move.Idle idle -> {
                            flush();
                            if (stopWhenWaitingForPerson && waitsForPerson()) {
                                return state.status();
                            }
                            if (Duration.between(lastTick, now).toMillis() >= 1000) {
                                listener.onTick(state);
                                lastTick = now;
                            }
                            pause(idle.until());
                        }
                        case Move.ConfirmOnBehalf c -> record(new Confirmed(c.step(), state.initiator(), true, null));
                        // Gates, tasks and timers: Runway stores no output for them, so any found is forged.
                        case Move.Complete c -> record(new StepSucceeded(c.step(), attemptOf(c.step()), c.detail(), null, OutputDigest.EMPTY));
                        case Move.Fail f -> record(new StepFailed(f.step(), attemptOf(f.step()), f.reason(), null, false, OutputDigest.EMPTY));
                        case Move.Skip s -> record(new StepSkipped(s.step(), s.actor(), s.reason()));
                        case Move.StartRollback r -> record(new RollbackStarted(r.reason()));
                        case Move.StartWatch w -> {
                            record(new WatchStarted(w.until(), w.triggers()));
                            flush();
                        }
                        case Move.Watch w -> {
                            flush();
                            watch();
                        }
                        case Move.Finish f -> record(new RunFinished(f.status(), f.reason()));
                    }
                } catch (ConcurrentAppendException raced) {
                    // Only reached with nothing pending (flush rebases its own batch): decide again.
                    reload();
                }
            }
        }

        private boolean waitsForPerson() {
            StepAwaiting a = state.awaiting();
            return a != null && a.await() != Await.TIMER;
        }

        /**
         * A step still marked running when we take the run over was cut off by a crash. Whatever
         * processes it left behind are stopped before anyone decides whether to run it again.
         */
        private void recordInterruptions() throws InterruptedException {
            for (PlannedStep p : plan.steps()) {
                StepState s = state.stepOrPending(p.id());
                if (s.status() == StepStatus.RUNNING) {
                    int stopped = dev.runway.engine.step.LeftoverProcesses.stop(runId, p.id(), s.attempt(), Duration.ofSeconds(5));
                    if (stopped > 0) {
                        new StoredOutputSink(store, runId, p.id(), s.attempt(), listener).finishWith("\n[runway: stopped "
                                + stopped + " process" + (stopped == 1 ? "" : "es") + " this attempt left running when Runway stopped]\n");
                    }
                    record(new StepInterrupted(p.id(), s.attempt()));
                }
            }
        }

        private void execute(Move.Execute e) throws InterruptedException {
            PlannedStep step = plan.step(e.step());
            keepBaseline(e.step());
            record(new StepStarted(e.step(), e.attempt()));
            // Readied before the commit and run after it: a shell starts up while the start is fsynced,
            // or, readied ahead, while the step before it ran.
            ReadiedAhead.Readied readied = ahead.take(e.step(), e.attempt());
            StoredOutputSink sink;
            StepExecutor.Prepared attempt;
            if (readied != null) {
                sink = readied.sink();
                attempt = readied.prepared();
            } else {
                sink = new StoredOutputSink(store, runId, e.step(), e.attempt(), listener);
                attempt = executors.forStep(step).prepare(context(step, e.attempt(), sink));
            }
            // The next step's shell starts up beside this step's commit and run, in case this one succeeds.
            readyNext(step);
            try {
                flush();
                if (startWithdrawn) {
                    // Another process changed the run meanwhile (a rollback asked for, a decision): decide again.
                    startWithdrawn = false;
                    attempt.cancel();
                    ahead.drop();
                    return;
                }
                arm();
            } catch (RuntimeException | Error failed) {
                attempt.cancel();
                ahead.drop();
                throw failed;
            }
            StepOutcome outcome;
            try {
                outcome = armed == null ? attempt.run() : besideTriggers(attempt, e);
            } catch (InterruptedException stopped) {
                // Stopped from outside (a signal, a server shutting down): the step's processes are
                // gone by now. Say so at once rather than leave it "running" for the next resume to find.
                record(new StepInterrupted(e.step(), e.attempt()));
                flush();
                throw stopped;
            }
            if (outcome == null) return;
            String stored = sink.finish(outcome.output());
            String excerpt = masker.mask(dev.runway.engine.step.BoundedOutput.lastLines(outcome.output(), 40, 4096));
            record(switch (outcome) {
                case StepOutcome.Succeeded ok -> new StepSucceeded(e.step(), e.attempt(), masker.mask(ok.detail()), excerpt, stored);
                case StepOutcome.Failed bad -> new StepFailed(e.step(), e.attempt(), masker.mask(bad.reason()), excerpt, false, stored);
                case StepOutcome.Unverified open -> new StepFailed(e.step(), e.attempt(), masker.mask(open.reason()), excerpt, true, stored);
            });
        }

        private StepContext context(PlannedStep step, int attempt, StoredOutputSink sink) {
            Map<String, String> env = new LinkedHashMap<>(plan.bindings().environment());
            env.put("RUNWAY_RUN_ID", runId);
            env.put("RUNWAY_STEP_ID", step.id());
            env.put("RUNWAY_ATTEMPT", Integer.toString(attempt));
            return new StepContext(runId, step, attempt, env, workdir, masker, sink,
                    plan.runbook().front(), state.startedAt(), board);
        }

        /**
         * Guesses the moves after {@code current} succeeds (the first attempts of the next steps in
         * the same order) and, for kinds that start slowly, keeps up to {@link ReadiedAhead#DEPTH}
         * of them readying: those still right are kept, the rest are replaced.
         */
        private void readyNext(PlannedStep current) {
            PlannedStep next = current;
            for (int position = 0; position < ReadiedAhead.DEPTH; position++) {
                next = plan.after(next.id());
                if (next == null || state.stepOrPending(next.id()).status() != StepStatus.PENDING) {
                    ahead.dropFrom(position);
                    return;
                }
                if (ahead.holds(position, next.id(), 1)) continue;
                ahead.dropFrom(position);
                StepExecutor executor;
                try {
                    executor = executors.forStep(next);
                } catch (IllegalArgumentException waitsForPerson) {
                    return; // manual steps, gates and timers are not executed: nothing after them is readied
                }
                if (!executor.readiesAhead()) return;
                StoredOutputSink sink = new StoredOutputSink(store, runId, next.id(), 1, listener);
                StepContext context = context(next, 1, sink);
                ahead.ready(next.id(), 1, sink, () -> executor.prepare(context));
            }
        }

        /**
         * Runs a step while the armed triggers watch. If they decide first, what they saw is
         * journaled, and only then is the step stopped (with its whole process tree); null then.
         */
        private StepOutcome besideTriggers(StepExecutor.Prepared attempt, Move.Execute e) throws InterruptedException {
            Task running = new Task("step-" + e.step(), attempt::run);
            try {
                java.util.concurrent.CompletableFuture.anyOf(running.result(), armed.result()).get();
            } catch (InterruptedException stop) {
                running.stop();
                throw stop;
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException ended) {
                // one of them ended; which, and how, is read below
            }
            if (!running.done() && armed.done()) {
                StepOutcome seen = armed.get();
                armed = null;
                if (!(seen instanceof StepOutcome.Succeeded)) {
                    String reason = masker.mask(seen instanceof StepOutcome.Failed f ? f.reason() : ((StepOutcome.Unverified) seen).reason());
                    if (seen instanceof StepOutcome.Failed) {
                        ArmedTriggers.fired(e.step(), e.attempt(), reason).forEach(this::record);
                    } else {
                        record(ArmedTriggers.blind(e.step(), e.attempt(), reason));
                    }
                    flush();
                    running.stop();
                    return null;
                }
            }
            try {
                return running.get();
            } catch (InterruptedException stop) {
                running.stop();
                throw stop;
            }
        }

        /**
         * Keeps the armed triggers running exactly while they should: from the first production
         * step until the rollback deadline, in the forward phase of an unfinished run, except
         * while a person is asked about unreadable triggers.
         */
        private void arm() {
            Instant deadline = TriggerArming.deadline(plan, state);
            boolean wanted = state.status() != null && !state.status().isTerminal() && state.phase() == RunState.Phase.FORWARD
                    && deadline != null && clock.instant().isBefore(deadline) && !TriggerArming.triggers(plan).isEmpty()
                    && !ArmedTriggers.blindDecision(state) && state.lastRunSeq() != quietAt;
            if (wanted && armed == null) {
                StoredOutputSink sink = new StoredOutputSink(store, runId, ArmedTriggers.SCOPE, 1, listener);
                StepContext context = new StepContext(runId, ArmedTriggers.window(Duration.between(clock.instant(), deadline)), 1,
                        plan.bindings().environment(), workdir, masker, sink, plan.runbook().front(), state.startedAt(),
                        board.forTriggers());
                armed = new Task("triggers-" + runId, () -> {
                    StepOutcome outcome = executors.observe().execute(context);
                    // Not a step's output: no journal entry records its digest, so audit verify does not cover it.
                    sink.finish(outcome.output());
                    return outcome;
                });
            } else if (!wanted && armed != null && !armed.done()) {
                // A window that already decided is left for heedTriggers to read.
                disarm();
            }
        }

        /** At the first production step: what the monitors gave before the change is kept for observe windows. */
        private void keepBaseline(String step) {
            if (before == null || !step.equals(TriggerArming.firstProductionStep(plan).id())) return;
            before.stop().forEach((monitor, values) -> store.saveBaseline(runId, monitor, values));
            before = null;
        }

        void disarm() {
            ahead.drop();
            if (before != null) {
                before.stop();
                before = null;
            }
            if (armed != null) {
                armed.stop();
                armed = null;
            }
        }

        /** Acts on the armed triggers' end, if they ended; true when that journaled something. */
        private boolean heedTriggers() throws InterruptedException {
            if (armed != null && armed.done()) {
                StepOutcome seen = armed.get();
                armed = null;
                // A rollback a person started meanwhile, or a run that ended, leaves nothing to act on.
                if (state.phase() == RunState.Phase.FORWARD && !state.status().isTerminal()) {
                    List<RunEvent> events = ArmedTriggers.verdict(maskedOutcome(seen), state, attemptOfAwaited());
                    if (events != null && events.isEmpty()) quietAt = state.lastRunSeq();
                    if (events != null && !events.isEmpty()) {
                        events.forEach(this::record);
                        flush();
                        return true;
                    }
                }
            }
            arm();
            return false;
        }

        private StepOutcome maskedOutcome(StepOutcome o) {
            return switch (o) {
                case StepOutcome.Succeeded ok -> ok;
                case StepOutcome.Failed bad -> new StepOutcome.Failed(masker.mask(bad.reason()), bad.output());
                case StepOutcome.Unverified open -> new StepOutcome.Unverified(masker.mask(open.reason()), open.output());
            };
        }

        private int attemptOfAwaited() {
            return state.awaiting() == null ? 1 : attemptOf(state.awaiting().step());
        }

        /**
         * After success, until the rollback deadline: the armed triggers go on watching. A person
         * may still ask for a rollback meanwhile; the loop then starts it.
         */
        private void watch() throws InterruptedException {
            arm();
            if (armed == null) Thread.sleep(POLL.toMillis());
            while (armed != null && !armed.done()) {
                armed.await(POLL.toMillis());
                absorb();
                if (state.pendingRollback() != null) return;
            }
        }

        private int attemptOf(String step) {
            return Math.max(1, state.stepOrPending(step).attempt());
        }

        /**
         * Applies an event to the in-memory state (which checks the transition and gives the
         * status after it) and queues it for the journal. Nothing the event stands for happens
         * before {@link #flush} made it durable: every effect (starting a step, entering a wait,
         * ending the drive) flushes first. Batching the outcome of one step with the start of the
         * next makes one fsync'd commit per step boundary instead of two.
         */
        private void record(RunEvent event) {
            StoredEvent draft = new StoredEvent(0, runId, state.lastRunSeq() + 1, clock.instant(), actorFor(event), event);
            state.apply(draft);
            pending.add(new Append(runId, draft.runSeq(), draft.actor(), event, draft.at(), state.snapshot()));
        }

        /**
         * Commits the queued events in one transaction. If another process appended meanwhile
         * (an approval, a decision: inputs that never change a step's state), the batch is
         * replayed on top of the fresh journal and committed again.
         */
        private void flush() {
            for (int tries = 0; !pending.isEmpty(); tries++) {
                try {
                    List<StoredEvent> stored = store.appendAll(List.copyOf(pending));
                    pending.clear();
                    stored.forEach(e -> listener.onEvent(e, state));
                } catch (ConcurrentAppendException raced) {
                    if (tries >= 50) throw raced;
                    List<Append> batch = List.copyOf(pending);
                    int durable = state.lastRunSeq() - batch.size();
                    reload();
                    // Show what the other process wrote (an approval, a decision) before our batch.
                    boolean foreign = false;
                    for (StoredEvent e : state.events()) {
                        if (e.runSeq() > durable) {
                            listener.onEvent(e, state);
                            foreign = true;
                        }
                    }
                    // What happened (a step's outcome) is replayed on top; a step not yet begun is not,
                    // since what the other process wrote may change what comes next.
                    for (Append a : batch) {
                        if (foreign && a.event() instanceof StepStarted) {
                            startWithdrawn = true;
                            break;
                        }
                        record(a.event());
                    }
                }
            }
        }

        private String actorFor(RunEvent event) {
            if (event instanceof RunResumed r) return r.actor();
            if (event instanceof RollbackStarted) return rollbackStarter();
            return state.driver() == null ? "runway" : state.driver();
        }

        /**
         * Who starts a rollback: whoever asked for it or chose it at a failed step; one nobody
         * asked for (a trigger fired, a step's {@code on_failure: rollback}, a missed Major
         * deadline) is Runway's own act, not that of the person driving the run.
         */
        private String rollbackStarter() {
            if (state.pendingRollback() != null) return state.pendingRollback().actor();
            Decided d = state.pendingDecision();
            return d != null && d.choice() == RunEvent.Decision.ROLLBACK ? d.actor() : "runway";
        }

        private void reload() {
            pending.clear();
            state = RunState.fold(runId, store.load(runId));
        }

        private void absorb() {
            for (StoredEvent e : store.since(runId, state.lastRunSeq())) {
                state.apply(e);
                listener.onEvent(e, state);
            }
        }

        /**
         * Waits a moment (or until {@code until}); armed triggers that decide meanwhile, or a
         * {@link #wake}, cut it short. A spurious wake-up only means one more look at the journal.
         */
        private void pause(Instant until) throws InterruptedException {
            long ms = (armed != null ? POLL : idlePoll).toMillis();
            if (until != null) {
                ms = Math.max(0, Math.min(ms, Duration.between(clock.instant(), until).toMillis()));
            }
            if (ms <= 0) return;
            if (armed != null) {
                armed.await(ms);
                return;
            }
            LockSupport.parkNanos(ms * 1_000_000L);
            if (Thread.interrupted()) throw new InterruptedException("run " + runId + ": the drive was stopped");
        }
    }
}
