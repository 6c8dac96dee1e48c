package dev.runway.engine;

import dev.runway.engine.RunEvent.*;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's state: the fold of its journal. Applying the same events always yields the same
 * state, which is what lets any process (or, later, any server node) pick a run up from the
 * store and continue it.
 */
public final class RunState {

    /** Forward steps run first; once a rollback starts only rollback steps run. */
    public enum Phase { FORWARD, ROLLBACK }

    private final String runId;
    private RunStatus status;
    private Phase phase = Phase.FORWARD;
    private RunStarted start;
    private Instant startedAt;
    private Instant updatedAt;
    private Instant finishedAt;
    private String finishReason;
    private String rollbackReason;
    private int lastRunSeq;
    private final Map<String, StepState> steps = new LinkedHashMap<>();
    private Decided pendingDecision;
    private RollbackRequested pendingRollback;
    /** Who last resumed the run, or null: the initiator drives it. */
    private String driver;
    private StepAwaiting awaiting;
    /** The step the last applied entry changed: its own step, or the wait it cancelled; null for none. */
    private String touched;
    private Instant watchUntil;
    private final List<StoredEvent> events = new ArrayList<>();
    /**
     * For each step order NextMove walked (forward, rollback): how many of its leading steps were
     * done. They stay done (no transition leaves succeeded or skipped), so the next walk starts
     * there instead of at the first step: deciding stays cheap at step 1,000.
     */
    private final Map<List<?>, Integer> donePrefix = new java.util.IdentityHashMap<>();

    public RunState(String runId) {
        this.runId = runId;
    }

    public static RunState fold(String runId, Collection<StoredEvent> events) {
        RunState state = new RunState(runId);
        events.forEach(state::apply);
        return state;
    }

    /** Applies one journal entry. Entries must come in run order, each exactly once. */
    public void apply(StoredEvent stored) {
        if (stored.runSeq() != lastRunSeq + 1) {
            throw new IllegalStateException("run " + runId + ": journal entry " + stored.runSeq()
                    + " follows " + lastRunSeq);
        }
        lastRunSeq = stored.runSeq();
        updatedAt = stored.at();
        events.add(stored);
        touched = stored.event().step();
        Instant at = stored.at();
        switch (stored.event()) {
            case RunStarted e -> {
                start = e;
                startedAt = at;
                status = Lifecycle.run(runId, null, "start");
            }
            case StepStarted e -> {
                StepState s = step(e.step());
                proceedIfWaiting();
                s.status = Lifecycle.step(runId, s.id, s.status, "start");
                s.attempt = e.attempt();
                s.startedAt = at;
                s.finishedAt = null;
                s.awaiting = null;
                s.detail = null;
                pendingDecision = null;
            }
            case StepSucceeded e -> end(e.step(), "succeed", at, e.detail(), e.output());
            case StepFailed e -> end(e.step(), "fail", at, e.reason(), e.output()).unverified = e.unverified();
            case StepInterrupted e -> {
                StepState s = step(e.step());
                s.status = Lifecycle.step(runId, s.id, s.status, "interrupt");
                s.finishedAt = at;
                s.detail = "interrupted: Runway stopped while attempt " + e.attempt() + " was running";
            }
            case StepAwaiting e -> {
                StepState s = step(e.step());
                // A gate or task waited for again after a decision (retry) leaves the decision's wait first.
                if (e.await() != Await.DECISION) proceedIfWaiting();
                status = Lifecycle.run(runId, status, "await");
                if (e.await() != Await.DECISION) {
                    s.status = Lifecycle.step(runId, s.id, s.status, "await");
                    s.startedAt = at;
                }
                s.awaiting = e.await();
                s.until = e.until();
                awaiting = e;
                pendingDecision = null;
            }
            case StepSkipped e -> {
                StepState s = step(e.step());
                proceedIfWaiting();
                s.status = Lifecycle.step(runId, s.id, s.status, "skip");
                s.finishedAt = at;
                s.detail = StepVerdicts.skippedBy(e.actor(), e.reason());
                s.awaiting = null;
                pendingDecision = null;
            }
            case Approved e -> step(e.step()).approvals.putIfAbsent(e.actor(), e.comment());
            case Rejected e -> {
                StepState s = step(e.step());
                s.rejectedBy = e.actor();
                s.rejectComment = e.comment();
            }
            case Confirmed e -> {
                StepState s = step(e.step());
                s.confirmed = true;
                s.confirmedBy = StepVerdicts.confirmer(e.actor(), e.onBehalf());
            }
            case WatchStarted e -> {
                status = Lifecycle.run(runId, status, "watch");
                watchUntil = e.until();
            }
            case Decided e -> pendingDecision = e;
            case ActionDenied e -> { }
            case TokenCreated e -> { }
            case TokenRevoked e -> { }
            case RollbackRequested e -> pendingRollback = e;
            case RunResumed e -> driver = e.actor();
            case RollbackStarted e -> {
                cancelWait(at, "the run was rolled back while it waited: " + e.reason());
                // A failed rollback retried: its failed steps run again, each with its full retry policy.
                if (phase == Phase.ROLLBACK) steps.values().forEach(s -> s.attemptsBefore = s.attempt);
                status = Lifecycle.run(runId, status, "rollback");
                phase = Phase.ROLLBACK;
                rollbackReason = e.reason();
                // A rollback a person asked for runs in their name, as a resumed run runs in the resumer's.
                if (pendingRollback != null) driver = pendingRollback.actor();
                pendingRollback = null;
                pendingDecision = null;
                awaiting = null;
            }
            case RunFinished e -> {
                cancelWait(at, e.reason());
                status = Lifecycle.run(runId, status, switch (e.status()) {
                    case SUCCEEDED -> "succeed";
                    case FAILED -> "fail";
                    case ABORTED -> "abort";
                    case ROLLED_BACK -> "rolled-back";
                    case ROLLBACK_FAILED -> "rollback-fail";
                    case RUNNING, WAITING, WATCHING, ROLLING_BACK -> throw new IllegalTransitionException(
                            "run " + runId + ": a run cannot finish as " + e.status().label());
                });
                finishedAt = at;
                finishReason = e.reason();
                awaiting = null;
            }
        }
    }

    /** A step's attempt ended (or its wait did): the outcome, its time and what it printed. */
    private StepState end(String stepId, String trigger, Instant at, String detail, String output) {
        StepState s = step(stepId);
        proceedIfWaiting();
        s.status = Lifecycle.step(runId, s.id, s.status, trigger);
        if (s.startedAt == null) s.startedAt = at;
        s.finishedAt = at;
        s.detail = detail;
        s.output = output;
        s.awaiting = null;
        return s;
    }

    /**
     * The run leaves a wait for a gate, task or timer without passing it (aborted, rolled back):
     * the step must not go on showing as waiting. A decision's wait is left alone, since its step
     * already failed and shows why.
     */
    private void cancelWait(Instant at, String why) {
        if (status != RunStatus.WAITING || awaiting == null || awaiting.await() == Await.DECISION) return;
        StepState s = step(awaiting.step());
        if (s.status != StepStatus.WAITING) return;
        s.status = Lifecycle.step(runId, s.id, s.status, "cancel");
        s.finishedAt = at;
        s.detail = "cancelled: " + why;
        s.awaiting = null;
        touched = s.id;
    }

    private void proceedIfWaiting() {
        if (status == RunStatus.WAITING) {
            status = Lifecycle.run(runId, status, phase == Phase.ROLLBACK ? "proceed-rollback" : "proceed");
            awaiting = null;
        }
    }

    public StepState step(String id) {
        return steps.computeIfAbsent(id, StepState::new);
    }

    /** The step's state, or a pending one if the journal never mentioned it. */
    public StepState stepOrPending(String id) {
        StepState s = steps.get(id);
        return s != null ? s : new StepState(id);
    }

    int donePrefix(List<?> order) {
        return donePrefix.getOrDefault(order, 0);
    }

    void donePrefix(List<?> order, int done) {
        donePrefix.put(order, done);
    }

    public String runId() { return runId; }
    public RunStatus status() { return status; }
    public Phase phase() { return phase; }
    public RunStarted start() { return start; }
    public Instant startedAt() { return startedAt; }
    public Instant updatedAt() { return updatedAt; }
    public Instant finishedAt() { return finishedAt; }
    public String finishReason() { return finishReason; }
    public String rollbackReason() { return rollbackReason; }
    public int lastRunSeq() { return lastRunSeq; }
    public Decided pendingDecision() { return pendingDecision; }
    public RollbackRequested pendingRollback() { return pendingRollback; }
    /** In whose name the engine journals what it does: whoever last resumed it or asked for its rollback, else its initiator. */
    public String driver() { return driver != null ? driver : initiator(); }
    /** A rollback was asked for and has not started: true also of a run that had ended, or whose rollback failed. */
    public boolean rollbackPending() { return pendingRollback != null && (phase == Phase.FORWARD || status == RunStatus.ROLLBACK_FAILED); }
    /** What the run waits for now, or null. */
    public StepAwaiting awaiting() { return awaiting; }
    /** While {@code watching}: when the rollback deadline ends the watch. */
    public Instant watchUntil() { return watchUntil; }
    public List<StoredEvent> events() { return List.copyOf(events); }
    public String initiator() { return start == null ? null : start.initiator(); }

    /** The read-model view after the last applied event, with the row of the step it changed (or none). */
    public RunSnapshot snapshot() {
        return snapshot(touched);
    }

    /** The read-model view after the last applied event, with {@code stepId}'s row (or none). */
    private RunSnapshot snapshot(String stepId) {
        return new RunSnapshot(status, phase, awaiting, finishedAt, finishReason, stepId == null ? null : stepRow(stepId));
    }

    /** A step's row in the read model as this state gives it (pending when the journal never mentioned it). */
    public RunSnapshot.StepRow stepRow(String stepId) {
        StepState s = stepOrPending(stepId);
        return new RunSnapshot.StepRow(s.id(), s.status(), s.attempt(), s.startedAt(), s.finishedAt(), s.detail(),
                s.approvers(), s.confirmedBy());
    }
}
