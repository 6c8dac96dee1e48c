package dev.runway.engine;

import dev.runway.access.GatePolicies;
import dev.runway.engine.RunEvent.Await;
import dev.runway.engine.RunEvent.Decided;
import dev.runway.plan.Plan;
import dev.runway.plan.PlannedStep;
import dev.runway.runbook.Action;
import dev.runway.runbook.StepPolicy;
import dev.runway.runbook.StepPolicy.OnFailure;
import java.time.Instant;
import java.util.List;

/**
 * The engine's rules, as a pure function of a run's state: which step comes next, what a
 * failure leads to, when a wait is over. No I/O and no clock of its own, so every rule is
 * testable by folding a list of events.
 */
public final class NextMove {

    private NextMove() {}

    public static Move decide(Plan plan, RunState state, Instant now) {
        if (state.status() == null) {
            return new Move.Done();
        }
        // A rollback asked for after the run ended (succeeded, failed, aborted) still runs.
        if (state.rollbackPending() && Lifecycle.allows(state.status(), "rollback")) {
            var r = state.pendingRollback();
            return state.phase() == RunState.Phase.ROLLBACK
                    ? new Move.StartRollback("retried by " + r.actor() + reasonSuffix(r.reason())
                            + " (earlier: " + state.finishReason() + ")")
                    : new Move.StartRollback("requested by " + r.actor() + reasonSuffix(r.reason()));
        }
        if (state.status().isTerminal()) {
            return new Move.Done();
        }
        boolean rollback = state.phase() == RunState.Phase.ROLLBACK;
        List<PlannedStep> steps = rollback ? plan.rollback() : plan.forward();
        for (int i = state.donePrefix(steps); i < steps.size(); i++) {
            PlannedStep planned = steps.get(i);
            StepState s = state.stepOrPending(planned.id());
            if (s.status().isDone()) continue;
            state.donePrefix(steps, i);
            return forStep(plan, planned, s, state, now, rollback);
        }
        state.donePrefix(steps, steps.size());
        if (rollback) {
            // A rollback was called for (a policy, a trigger, a Critical check) and there is nothing
            // to run: the change stands, and saying "rolled back" would hide it from people and DORA.
            if (steps.isEmpty()) {
                return new Move.Finish(RunStatus.ROLLBACK_FAILED,
                        "the runbook has no rollback section, so nothing was rolled back" + reasonSuffix(state.rollbackReason()));
            }
            return new Move.Finish(RunStatus.ROLLED_BACK, completed("rollback plan", "rollback ", steps, state)
                    + reasonSuffix(state.rollbackReason()));
        }
        if (state.status() == RunStatus.WATCHING) {
            return now.isBefore(state.watchUntil())
                    ? new Move.Watch(state.watchUntil())
                    : new Move.Finish(RunStatus.SUCCEEDED,
                            completed("all steps", "", steps, state) + "; no trigger fired before the rollback deadline");
        }
        Instant deadline = TriggerArming.deadline(plan, state);
        List<String> triggers = TriggerArming.triggers(plan);
        if (deadline != null && !triggers.isEmpty() && now.isBefore(deadline)) {
            return new Move.StartWatch(deadline, triggers);
        }
        return new Move.Finish(RunStatus.SUCCEEDED, completed("all steps", "", steps, state));
    }

    /**
     * "{@code what} completed" when every step did, else how many completed and which were
     * skipped ({@code 12 steps completed, 2 skipped (smoke, notify)}): a run that went past a
     * failure ({@code on_failure: continue}, a person's skip) succeeded, but must not read as clean.
     */
    private static String completed(String what, String kind, List<PlannedStep> steps, RunState state) {
        List<String> skipped = steps.stream().map(PlannedStep::id)
                .filter(id -> state.stepOrPending(id).status() == StepStatus.SKIPPED).toList();
        if (skipped.isEmpty()) return what + " completed";
        String named = skipped.size() <= 3 ? String.join(", ", skipped)
                : String.join(", ", skipped.subList(0, 3)) + " and " + (skipped.size() - 3) + " more";
        int done = steps.size() - skipped.size();
        return done + " " + kind + (done == 1 ? "step" : "steps") + " completed, " + skipped.size() + " skipped (" + named + ")";
    }

    private static Move forStep(Plan plan, PlannedStep planned, StepState s, RunState state, Instant now, boolean rollback) {
        String id = planned.id();
        return switch (s.status()) {
            // A wait a failed rollback was left at: a retried rollback waits for it again (approvals
            // given before still count, as when a decision retries a gate).
            case PENDING, CANCELLED -> begin(plan, planned, now);
            case WAITING -> whileWaiting(plan, planned, s, state, now);
            // Only seen when the journal ends mid-step; the engine records the interruption first.
            case RUNNING -> new Move.Idle(now);
            // Observing only reads monitors, so an interrupted window simply starts again.
            case INTERRUPTED -> planned.step().policy().idempotent() || planned.bound() instanceof Action.Observe
                    ? new Move.Execute(id, s.attempt() + 1)
                    : decision(plan, planned, s, state, now, rollback,
                            "step \"" + id + "\" was running (attempt " + s.attempt()
                                    + ") when Runway stopped and is not marked idempotent; "
                                    + (rollback ? "choose retry, skip or abort (abort ends the rollback)" : "choose retry, skip, rollback or abort"));
            case FAILED -> afterFailure(plan, planned, s, state, now, rollback);
            case SUCCEEDED, SKIPPED -> throw new IllegalStateException("done steps are skipped above");
        };
    }

    private static Move begin(Plan plan, PlannedStep planned, Instant now) {
        String id = planned.id();
        return switch (planned.bound()) {
            case Action.Shell sh -> new Move.Execute(id, 1);
            case Action.Check c -> new Move.Execute(id, 1);
            case Action.Http h -> new Move.Execute(id, 1);
            case Action.Observe o -> new Move.Execute(id, 1);
            case Action.Manual m -> new Move.Await(id, Await.MANUAL, "confirm: " + m.text(), null);
            case Action.Gate g -> new Move.Await(id, Await.GATE, "approval needed for gate \"" + g.policy() + "\"", null,
                    GatePolicies.resolve(plan.runbook().front(), g.policy()).count());
            case Action.Wait w -> new Move.Await(id, Await.TIMER, "waiting " + Durations.format(w.duration()), now.plus(w.duration()));
        };
    }

    private static Move whileWaiting(Plan plan, PlannedStep planned, StepState s, RunState state, Instant now) {
        String id = planned.id();
        Decided decided = state.pendingDecision();
        if (decided != null && id.equals(decided.step())) {
            // A person may end the run at any wait, and skip a task or a timer (a gate is passed only by approval).
            if (decided.choice() == RunEvent.Decision.ABORT) {
                return state.phase() == RunState.Phase.ROLLBACK
                        ? new Move.Finish(RunStatus.ROLLBACK_FAILED, "rollback aborted by " + decided.actor() + reasonSuffix(decided.reason()))
                        : new Move.Finish(RunStatus.ABORTED, "aborted by " + decided.actor() + " at step \"" + id + "\"" + reasonSuffix(decided.reason()));
            }
            if (decided.choice() == RunEvent.Decision.SKIP && planned.bound() instanceof Action.Wait) {
                return new Move.Skip(id, decided.actor(), decided.reason());
            }
        }
        return switch (planned.bound()) {
            case Action.Gate g -> {
                if (s.rejectedBy() != null) {
                    yield new Move.Fail(id, StepVerdicts.rejectedBy(s.rejectedBy(), s.rejectComment()));
                }
                int needed = GatePolicies.resolve(plan.runbook().front(), g.policy()).count();
                yield s.approvals().size() >= needed
                        ? new Move.Complete(id, StepVerdicts.approvedBy(s.approvers()))
                        : new Move.Idle(null);
            }
            case Action.Manual m -> {
                Decided d = state.pendingDecision();
                if (d != null && d.choice() == RunEvent.Decision.SKIP && id.equals(d.step())) {
                    yield new Move.Skip(id, d.actor(), d.reason());
                }
                if (s.confirmed()) yield new Move.Complete(id, StepVerdicts.confirmedBy(s.confirmedBy()));
                yield "true".equals(state.start().options().get("confirm-manual"))
                        ? new Move.ConfirmOnBehalf(id)
                        : new Move.Idle(null);
            }
            case Action.Wait w -> now.isBefore(s.until())
                    ? new Move.Idle(s.until())
                    : new Move.Complete(id, "waited " + Durations.format(w.duration()));
            case Action.Shell sh -> new Move.Idle(null);
            case Action.Check c -> new Move.Idle(null);
            case Action.Http h -> new Move.Idle(null);
            case Action.Observe o -> new Move.Idle(null);
        };
    }

    private static Move afterFailure(Plan plan, PlannedStep planned, StepState s, RunState state, Instant now, boolean rollback) {
        String id = planned.id();
        StepPolicy policy = planned.step().policy();
        boolean gate = planned.bound() instanceof Action.Gate;
        // Gates, tasks and timers have no attempts to repeat by themselves (they fail only when stopped).
        boolean waits = !planned.bound().runs();
        // A retried rollback runs its failed step again, as if for the first time.
        if (rollback && s.attemptsThisRound() == 0) {
            return waits ? begin(plan, planned, now) : new Move.Execute(id, s.attempt() + 1);
        }
        if (!waits && s.attemptsThisRound() < policy.retry().attempts()) {
            Instant at = s.finishedAt().plus(policy.retry().delay());
            return now.isBefore(at) ? new Move.Delay(id, at) : new Move.Execute(id, s.attempt() + 1);
        }
        if (rollback) {
            return switch (policy.onFailure()) {
                // the policy skips, not a person: best-effort cleanup the runbook marked as such
                case CONTINUE -> new Move.Skip(id, "runway", "on_failure: continue after " + s.detail());
                case ASK -> decision(plan, planned, s, state, now, true, "rollback step \"" + id + "\" failed: " + s.detail()
                        + "; choose retry, skip or abort (abort ends the rollback)");
                case ABORT, ROLLBACK -> new Move.Finish(RunStatus.ROLLBACK_FAILED, "rollback step \"" + id + "\" failed: " + s.detail());
            };
        }
        if (s.unverified()) {
            // No data is neither a pass nor a verdict: rolling back or skipping on it is a person's call.
            return decision(plan, planned, s, state, now, false, "step \"" + id + "\" could not verify: " + s.detail());
        }
        OnFailure onFailure = gate && policy.onFailure() == OnFailure.ASK ? OnFailure.ABORT : policy.onFailure();
        return switch (onFailure) {
            case ASK -> planned.bound() instanceof Action.Http h && "major".equals(h.severity())
                    ? majorDecision(plan, planned, s, state, now, "step \"" + id + "\" failed: " + s.detail())
                    : decision(plan, planned, s, state, now, false, "step \"" + id + "\" failed: " + s.detail());
            case ROLLBACK -> new Move.StartRollback("step \"" + id + "\" failed: " + s.detail());
            case ABORT -> gate
                    ? new Move.Finish(RunStatus.ABORTED, "gate \"" + id + "\" " + s.detail())
                    : new Move.Finish(RunStatus.FAILED, "step \"" + id + "\" failed: " + s.detail());
            // the policy skips, not a person: the record must not put the skip in the initiator's name
            case CONTINUE -> new Move.Skip(id, "runway", "on_failure: continue after " + s.detail());
        };
    }

    /**
     * A failed Major smoke check asks a person, but only until the rollback deadline: after it,
     * nobody having decided, the release rolls back by itself (DESIGN.md: silence is not consent).
     */
    private static Move majorDecision(Plan plan, PlannedStep planned, StepState s, RunState state, Instant now, String reason) {
        Instant deadline = TriggerArming.deadline(plan, state);
        Decided d = state.pendingDecision();
        boolean undecided = d == null || !planned.id().equals(d.step());
        // Past the deadline nothing rolls back by itself any more: a failure after it is a person's call, unbounded.
        if (deadline == null || !undecided || !s.finishedAt().isBefore(deadline)) {
            return decision(plan, planned, s, state, now, false, reason);
        }
        String at = deadline.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        if (!now.isBefore(deadline) && !plan.rollback().isEmpty()) {
            return new Move.StartRollback("no decision on the failed Major check \"" + planned.id()
                    + "\" came before the rollback deadline (" + at + "): " + s.detail());
        }
        boolean alreadyAsked = state.awaiting() != null && state.awaiting().await() == Await.DECISION
                && planned.id().equals(state.awaiting().step());
        return alreadyAsked ? new Move.Idle(deadline)
                : new Move.Await(planned.id(), Await.DECISION, reason + " (Major: decide before the rollback deadline "
                        + at + ", or Runway rolls back)", deadline);
    }

    private static Move decision(Plan plan, PlannedStep planned, StepState s, RunState state, Instant now,
                                 boolean rollback, String reason) {
        String id = planned.id();
        Decided d = state.pendingDecision();
        if (d == null || !id.equals(d.step())) {
            boolean alreadyAsked = state.awaiting() != null && state.awaiting().await() == Await.DECISION
                    && id.equals(state.awaiting().step());
            return alreadyAsked ? new Move.Idle(null) : new Move.Await(id, Await.DECISION, reason, null);
        }
        return switch (d.choice()) {
            // A gate, task or timer stopped by unreadable triggers is retried by waiting for it again.
            case RETRY -> switch (planned.bound()) {
                case Action.Gate g -> begin(plan, planned, now);
                case Action.Manual m -> begin(plan, planned, now);
                case Action.Wait w -> begin(plan, planned, now);
                case Action.Shell sh -> new Move.Execute(id, s.attempt() + 1);
                case Action.Check c -> new Move.Execute(id, s.attempt() + 1);
                case Action.Http h -> new Move.Execute(id, s.attempt() + 1);
                case Action.Observe o -> new Move.Execute(id, s.attempt() + 1);
            };
            case SKIP -> new Move.Skip(id, d.actor(), d.reason());
            case ROLLBACK -> rollback
                    ? new Move.Finish(RunStatus.ROLLBACK_FAILED, "rollback abandoned by " + d.actor())
                    : new Move.StartRollback("chosen by " + d.actor() + " after step \"" + id + "\" failed" + reasonSuffix(d.reason()));
            case ABORT -> rollback
                    ? new Move.Finish(RunStatus.ROLLBACK_FAILED, "rollback aborted by " + d.actor() + reasonSuffix(d.reason()))
                    : new Move.Finish(RunStatus.ABORTED, "aborted by " + d.actor() + reasonSuffix(d.reason()));
        };
    }

    private static String reasonSuffix(String reason) {
        return reason == null || reason.isBlank() ? "" : ": " + reason;
    }
}
