package dev.runway.engine;

import dev.runway.access.ApprovalRules;
import dev.runway.access.GatePolicies;
import dev.runway.access.Identity;
import dev.runway.engine.JournalStore.Append;
import dev.runway.engine.JournalStore.ConcurrentAppendException;
import dev.runway.engine.RunEvent.*;
import dev.runway.plan.Plan;
import dev.runway.runbook.Action;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;

/**
 * What people do to a run from outside the process that drives it: approve or reject a gate,
 * confirm a manual task, decide on a failure, ask for a rollback. Each is checked against the
 * run's current state and the gate's policy, then journaled; the driving process picks it up
 * from the store. Refusals are journaled too (they are audit events) and thrown as
 * {@link Refusal}.
 */
public final class Interventions {

    private final JournalStore store;
    private final Clock clock;
    private final Function<RunState, Plan> plans;

    /** @param plans rebuilds a run's plan from its journal (its stored runbook source and variables) */
    public Interventions(JournalStore store, Clock clock, Function<RunState, Plan> plans) {
        this.store = store;
        this.clock = clock;
        this.plans = plans;
    }

    public StoredEvent approve(String runId, Identity who, String comment) {
        return withRetry(runId, state -> {
            StepAwaiting waiting = awaiting(state, Await.GATE, "approve");
            refuseIfRejected(state, waiting);
            Plan plan = plans.apply(state);
            Action.Gate gate = (Action.Gate) plan.step(waiting.step()).bound();
            var policy = GatePolicies.resolve(plan.runbook().front(), gate.policy());
            Optional<String> refusal = ApprovalRules.refusal(who, policy, state.initiator(), gate.policy());
            if (refusal.isPresent()) throw deny(state, waiting.step(), who, "approve", refusal.get());
            var given = state.stepOrPending(waiting.step()).approvals();
            if (given.size() >= policy.count() && !given.containsKey(who.name())) {
                throw new Refusal(hasItsApprovals(runId, gate, given.keySet()));
            }
            if (given.containsKey(who.name())) {
                throw deny(state, waiting.step(), who, "approve", ApprovalRules.alreadyApproved(who.name(), policy, gate.policy()));
            }
            return new Approved(waiting.step(), who.name(), comment);
        });
    }

    public StoredEvent reject(String runId, Identity who, String comment) {
        return withRetry(runId, state -> {
            StepAwaiting waiting = awaiting(state, Await.GATE, "reject");
            refuseIfRejected(state, waiting);
            Plan plan = plans.apply(state);
            Action.Gate gate = (Action.Gate) plan.step(waiting.step()).bound();
            var policy = GatePolicies.resolve(plan.runbook().front(), gate.policy());
            // Whoever may approve may also reject; the initiator may always withdraw their own release.
            if (!who.name().equals(state.initiator())) {
                ApprovalRules.refusal(who, policy, state.initiator(), gate.policy(), "reject")
                        .ifPresent(r -> { throw deny(state, waiting.step(), who, "reject", r); });
            }
            // Approved is approved, as for a further approval: whoever acts first before the run is
            // driven on must not decide the outcome. Stopping the release stays open, as a decision.
            var given = state.stepOrPending(waiting.step()).approvals();
            if (given.size() >= policy.count()) {
                throw new Refusal(hasItsApprovals(runId, gate, given.keySet()) + "; to stop the release instead: runway decide "
                        + runId + " abort --reason \"…\"");
            }
            return new Rejected(waiting.step(), who.name(), comment);
        });
    }

    private static String hasItsApprovals(String runId, Action.Gate gate, java.util.Collection<String> approvers) {
        return "gate \"" + gate.policy() + "\" of run " + runId + " already has the approvals it needs (" + String.join(", ", approvers)
                + "); it passes when a process drives the run (runway resume " + runId + ")";
    }

    /** A rejection ends the gate: the first one is the recorded reason, and nothing after it may change that. */
    private static void refuseIfRejected(RunState state, StepAwaiting waiting) {
        StepState gate = state.stepOrPending(waiting.step());
        if (gate.rejectedBy() != null) {
            throw new Refusal("gate at step \"" + waiting.step() + "\" of run " + state.runId() + " was already rejected by "
                    + gate.rejectedBy() + (gate.rejectComment() == null ? "" : ": " + gate.rejectComment())
                    + "; the run aborts when a process drives it (runway resume " + state.runId() + ")");
        }
    }

    public StoredEvent confirm(String runId, Identity who, String comment) {
        return withRetry(runId, state -> {
            StepAwaiting waiting = awaiting(state, Await.MANUAL, "confirm");
            StepState task = state.stepOrPending(waiting.step());
            if (task.confirmed()) {
                throw new Refusal("step \"" + waiting.step() + "\" of run " + runId + " is already confirmed by " + task.confirmedBy()
                        + "; it continues when a process drives the run (runway resume " + runId + ")");
            }
            return new Confirmed(waiting.step(), who.name(), false, comment);
        });
    }

    public StoredEvent decide(String runId, Identity who, Decision choice, String reason) {
        return withRetry(runId, state -> {
            StepAwaiting waiting = state.awaiting();
            // Besides a failure's four choices: abort at any wait, and skip a task or a timer.
            boolean atWait = waiting != null && waiting.await() != Await.DECISION
                    && (choice == Decision.ABORT || (choice == Decision.SKIP && waiting.await() != Await.GATE));
            if (waiting == null || (waiting.await() != Await.DECISION && !atWait)) {
                String can = waiting == null ? "" : switch (waiting.await()) {
                    case GATE -> " (at a gate: approve, reject, or decide abort)";
                    case MANUAL, TIMER -> " (at a " + waiting.await().label() + ": decide skip --reason … or abort)";
                    case DECISION -> "";
                };
                throw new Refusal("run " + runId + " is " + describe(state) + ", not waiting for a decision" + can);
            }
            // A rejection already ends the gate, and the record names who rejected it.
            if (waiting.await() == Await.GATE) refuseIfRejected(state, waiting);
            Decided earlier = state.pendingDecision();
            if (earlier != null && earlier.step().equals(waiting.step())) {
                // The first decision stands until it is carried out: a later one would silently undo it.
                throw new Refusal("step \"" + waiting.step() + "\" of run " + runId + " already has a decision: "
                        + earlier.choice().label() + " by " + earlier.actor() + "; it takes effect when a process drives the run"
                        + " (runway resume " + runId + ")");
            }
            if (who.isAgent() && (choice == Decision.SKIP || choice == Decision.ROLLBACK)) {
                throw deny(state, waiting.step(), who, "decide " + choice.label(), who.name()
                        + " has the agent role, which may not choose " + choice.label() + " on a person's behalf");
            }
            if (choice == Decision.SKIP && (reason == null || reason.isBlank())) {
                throw new Refusal("skipping step \"" + waiting.step() + "\" needs a reason (--reason \"…\")");
            }
            if (choice == Decision.ROLLBACK && state.phase() == RunState.Phase.ROLLBACK) {
                throw new Refusal("run " + runId + " is already rolling back; for step \"" + waiting.step()
                        + "\" choose retry, skip --reason … or abort (abort ends the rollback)");
            }
            if (choice == Decision.ROLLBACK && state.phase() == RunState.Phase.FORWARD && plans.apply(state).rollback().isEmpty()) {
                throw new Refusal("runbook \"" + state.start().runbook() + "\" has no rollback section to run");
            }
            return new Decided(waiting.step(), choice, who.name(), reason);
        });
    }

    public StoredEvent requestRollback(String runId, Identity who, String reason) {
        try {
            return rollbackRequest(runId, who, reason);
        } catch (JournalStore.LockedException locked) {
            throw new Refusal("cannot roll back run " + runId + " now: " + locked.getMessage());
        }
    }

    private StoredEvent rollbackRequest(String runId, Identity who, String reason) {
        return withRetry(runId, state -> {
            if (who.isAgent()) {
                throw deny(state, null, who, "rollback", who.name() + " has the agent role, which may not start a rollback");
            }
            if (state.phase() == RunState.Phase.ROLLBACK && state.status() != RunStatus.ROLLBACK_FAILED) {
                throw new Refusal("run " + runId + " is already " + describe(state));
            }
            if (state.rollbackPending()) {
                throw new Refusal("a rollback of run " + runId + " was already requested by " + state.pendingRollback().actor()
                        + "; it runs when a process drives the run (runway resume " + runId + ")");
            }
            if (!Lifecycle.allows(state.status(), "rollback")) {
                throw new Refusal("run " + runId + " is " + describe(state) + " and cannot be rolled back");
            }
            if (plans.apply(state).rollback().isEmpty()) {
                throw new Refusal("runbook \"" + state.start().runbook() + "\" has no rollback section to run");
            }
            return new RollbackRequested(who.name(), reason);
        });
    }

    /**
     * Journals an action refused before it reached the run's own rules (a server's role check,
     * for one): the refusal is an audit event of the run like any other. Changes nothing else.
     */
    public void recordDenial(String runId, Identity who, String action, String reason) {
        RunState state = RunState.fold(runId, store.load(runId));
        if (state.status() == null) throw new Refusal("no run " + runId);
        deny(state, null, who, action, reason);
    }

    private StepAwaiting awaiting(RunState state, Await kind, String verb) {
        StepAwaiting waiting = state.awaiting();
        if (waiting == null || waiting.await() != kind) {
            String what = switch (kind) {
                case GATE -> "an approval";
                case MANUAL -> "a manual confirmation";
                case TIMER -> "a timer";
                case DECISION -> "a decision";
            };
            throw new Refusal("cannot " + verb + ": run " + state.runId() + " is " + describe(state) + ", not waiting for " + what);
        }
        return waiting;
    }

    static String describe(RunState state) {
        StepAwaiting a = state.awaiting();
        if (a != null) return "waiting for " + a.await().label() + " at step \"" + a.step() + "\"";
        return state.status().label();
    }

    private Refusal deny(RunState state, String step, Identity who, String action, String reason) {
        try {
            appendTo(state, who, new ActionDenied(step, who.name(), action, reason));
        } catch (ConcurrentAppendException raced) {
            // The refusal stands; its audit entry is re-attempted once against the fresh journal.
            RunState fresh = RunState.fold(state.runId(), store.load(state.runId()));
            appendTo(fresh, who, new ActionDenied(step, who.name(), action, reason));
        }
        return new Refusal(reason);
    }

    private StoredEvent withRetry(String runId, Function<RunState, RunEvent> decide) {
        for (int tries = 0; ; tries++) {
            RunState state = RunState.fold(runId, store.load(runId));
            if (state.status() == null) throw new Refusal("no run " + runId);
            RunEvent event = decide.apply(state);
            try {
                return appendTo(state, null, event);
            } catch (ConcurrentAppendException raced) {
                if (tries >= 20) throw raced;
            }
        }
    }

    private StoredEvent appendTo(RunState state, Identity who, RunEvent event) {
        String actor = switch (event) {
            case Approved e -> e.actor();
            case Rejected e -> e.actor();
            case Confirmed e -> e.actor();
            case Decided e -> e.actor();
            case RollbackRequested e -> e.actor();
            case ActionDenied e -> e.actor();
            default -> who == null ? "runway" : who.name();
        };
        StoredEvent draft = new StoredEvent(0, state.runId(), state.lastRunSeq() + 1, clock.instant(), actor, event);
        RunState after = RunState.fold(state.runId(), state.events());
        after.apply(draft);
        return store.append(new Append(state.runId(), draft.runSeq(), actor, event, draft.at(), after.snapshot()));
    }
}
