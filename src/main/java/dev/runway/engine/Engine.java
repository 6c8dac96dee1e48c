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

/**
 * Drives runs: asks {@link NextMove} what to do, journals it, then does it. The journal entry
 * always comes first, so whatever moment the process dies at, the journal says what was done
 * and what was in flight, and {@link #drive} can pick the run up again.
 */
public final class Engine {

    /** How often a waiting run looks for approvals and decisions made by other processes. */
    /** Output of the post-release watch is stored under this name (it is not a step of the plan). */
    public static final String WATCH_STEP = "watch";

    static final Duration POLL = Duration.ofMillis(100);
    static final Duration LEASE = Duration.ofSeconds(30);

    private final JournalStore store;
    private final Clock clock;
    private final StepExecutors executors;
    private final RunOwner owner = RunOwner.current();

    public Engine(JournalStore store, Clock clock, StepExecutors executors) {
        this.store = store;
        this.clock = clock;
        this.executors = executors;
    }

    /** Records a new run (taking the runbook's lock); {@link #drive} then executes it. */
    public RunState start(String runId, String lockKey, RunStarted started, Plan plan) {
        List<RunSnapshot.StepOutline> outline = plan.steps().stream()
                .map(p -> new RunSnapshot.StepOutline(p.id(), p.step().kind(), p.step().rollback())).toList();
        StoredEvent first = store.create(runId, lockKey, started.initiator(), started, clock.instant(), outline);
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
        Instant now = clock.instant();
        if (!store.claim(runId, owner.toString(), now, now.plus(LEASE), RunOwner::isGone)) {
            throw new RunBusyException(runId, store.owner(runId).orElse("another process"));
        }
        Thread renewer = Thread.ofVirtual().name("lease-" + runId).start(() -> renewLease(runId));
        try {
            return new Drive(runId, plan, stopWhenWaitingForPerson, listener).loop();
        } finally {
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

        Drive(String runId, Plan plan, boolean stopWhenWaitingForPerson, RunListener listener) {
            this.runId = runId;
            this.plan = plan;
            this.stopWhenWaitingForPerson = stopWhenWaitingForPerson;
            this.listener = listener;
            this.masker = new SecretMasker(plan.bindings().secrets().values());
            Path file = Path.of(plan.runbook().file()).toAbsolutePath();
            this.workdir = file.getParent() == null ? Path.of(".").toAbsolutePath() : file.getParent();
        }

        RunStatus loop() throws InterruptedException {
            reload();
            recordInterruptions();
            Instant lastTick = Instant.EPOCH;
            while (true) {
                if (pending.isEmpty()) absorb();
                Instant now = clock.instant();
                Move move = NextMove.decide(plan, state, now);
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
                            record(new StepAwaiting(a.step(), a.kind(), a.reason(), a.until()));
                            flush();
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
                        case Move.Complete c -> record(new StepSucceeded(c.step(), attemptOf(c.step()), c.detail(), null));
                        case Move.Fail f -> record(new StepFailed(f.step(), attemptOf(f.step()), f.reason(), null));
                        case Move.Skip s -> record(new StepSkipped(s.step(), s.actor(), s.reason()));
                        case Move.StartRollback r -> record(new RollbackStarted(r.reason()));
                        case Move.StartWatch w -> {
                            record(new WatchStarted(w.until(), w.triggers()));
                            flush();
                        }
                        case Move.Watch w -> {
                            flush();
                            watch(w.until());
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

        /** A step still marked running when we take the run over was cut off by a crash. */
        private void recordInterruptions() {
            for (PlannedStep p : plan.steps()) {
                StepState s = state.stepOrPending(p.id());
                if (s.status() == StepStatus.RUNNING) {
                    record(new StepInterrupted(p.id(), s.attempt()));
                }
            }
        }

        private void execute(Move.Execute e) throws InterruptedException {
            PlannedStep step = plan.step(e.step());
            record(new StepStarted(e.step(), e.attempt()));
            Map<String, String> env = new LinkedHashMap<>(plan.bindings().environment());
            env.put("RUNWAY_RUN_ID", runId);
            env.put("RUNWAY_STEP_ID", e.step());
            env.put("RUNWAY_ATTEMPT", Integer.toString(e.attempt()));
            StoredOutputSink sink = new StoredOutputSink(store, runId, e.step(), e.attempt(), listener);
            // Readied before the commit and run after it: a shell starts up while the start is fsynced.
            StepExecutor.Prepared attempt = executors.forStep(step)
                    .prepare(new StepContext(runId, step, e.attempt(), env, workdir, masker, sink,
                            plan.runbook().front(), state.startedAt()));
            try {
                flush();
            } catch (RuntimeException | Error failed) {
                attempt.cancel();
                throw failed;
            }
            StepOutcome outcome = attempt.run();
            sink.finish(outcome.output());
            String excerpt = masker.mask(dev.runway.engine.step.BoundedOutput.lastLines(outcome.output(), 40, 4096));
            record(switch (outcome) {
                case StepOutcome.Succeeded ok -> new StepSucceeded(e.step(), e.attempt(), masker.mask(ok.detail()), excerpt);
                case StepOutcome.Failed bad -> new StepFailed(e.step(), e.attempt(), masker.mask(bad.reason()), excerpt);
                case StepOutcome.Unverified open -> new StepFailed(e.step(), e.attempt(), masker.mask(open.reason()), excerpt, true);
            });
        }

        /**
         * Watches the runbook's triggers until the rollback deadline, as an observation window
         * with no rules of its own. A fired trigger rolls back; so does a monitor that stays
         * unreadable, because nobody is asked during the watch and no data is never healthy.
         */
        private void watch(Instant until) throws InterruptedException {
            Duration left = Duration.between(clock.instant(), until);
            if (left.isNegative() || left.isZero()) return;
            PlannedStep watch = new PlannedStep(new dev.runway.runbook.Step(WATCH_STEP, "watching", "watch until the rollback deadline",
                    0, 0, false, new dev.runway.runbook.Action.Observe(left, List.of()), dev.runway.runbook.StepPolicy.DEFAULT,
                    List.of()), new dev.runway.runbook.Action.Observe(left, List.of()), null, null);
            StoredOutputSink sink = new StoredOutputSink(store, runId, WATCH_STEP, 1, listener);
            StepContext context = new StepContext(runId, watch, 1, plan.bindings().environment(),
                    workdir, masker, sink, plan.runbook().front(), state.startedAt());
            var outcomeOf = new java.util.concurrent.CompletableFuture<StepOutcome>();
            Thread watcher = Thread.ofVirtual().name("watch-" + runId).start(() -> {
                try {
                    outcomeOf.complete(executors.observe().execute(context));
                } catch (Throwable t) {
                    outcomeOf.completeExceptionally(t);
                }
            });
            // Meanwhile, a person may ask for a rollback: stop watching and let the loop start it.
            while (!outcomeOf.isDone()) {
                Thread.sleep(POLL.toMillis());
                absorb();
                if (state.pendingRollback() != null) {
                    watcher.interrupt();
                    watcher.join();
                    return;
                }
            }
            StepOutcome outcome;
            try {
                outcome = outcomeOf.get();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException("run " + runId + ": watching failed: " + e.getCause(), e.getCause());
            }
            sink.finish(outcome.output());
            record(switch (outcome) {
                case StepOutcome.Succeeded ok -> new RunFinished(RunStatus.SUCCEEDED,
                        "all steps completed; no trigger fired before the rollback deadline");
                case StepOutcome.Failed bad -> new RollbackStarted("while watching: " + masker.mask(bad.reason()));
                case StepOutcome.Unverified unread -> new RollbackStarted("while watching, monitors could not be read: "
                        + masker.mask(unread.reason()));
            });
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
            pending.add(new Append(runId, draft.runSeq(), draft.actor(), event, draft.at(), state.snapshot(event.step())));
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
                    for (StoredEvent e : state.events()) {
                        if (e.runSeq() > durable) listener.onEvent(e, state);
                    }
                    for (Append a : batch) record(a.event());
                }
            }
        }

        private String actorFor(RunEvent event) {
            return state.initiator() == null ? "runway" : state.initiator();
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

        private void pause(Instant until) throws InterruptedException {
            long ms = POLL.toMillis();
            if (until != null) {
                ms = Math.max(0, Math.min(ms, Duration.between(clock.instant(), until).toMillis()));
            }
            if (ms > 0) Thread.sleep(ms);
        }
    }
}
