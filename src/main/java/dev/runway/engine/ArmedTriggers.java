package dev.runway.engine;

import dev.runway.engine.step.StepOutcome;
import dev.runway.plan.PlannedStep;
import dev.runway.runbook.Action;
import dev.runway.runbook.Step;
import dev.runway.runbook.StepPolicy;
import java.time.Duration;
import java.util.List;

/**
 * The runbook's {@code triggers:} while they are armed: one observation window of the triggers
 * alone, from the first production step until the rollback deadline, on a virtual thread beside
 * whatever the run does meanwhile (a shell step, a gate, a timer, an observe window, the watch
 * after success). What it decides, and the words the journal keeps for it, are here.
 */
final class ArmedTriggers {

    /** Output and figures of the armed triggers are kept under this name (it is not a step of the plan). */
    static final String SCOPE = "triggers";

    /** Starts the failure reason of a step stopped because the triggers could not be read. */
    static final String BLIND = "the runbook's triggers could not be checked, so the step was stopped: ";

    private ArmedTriggers() {}

    /** The window as a step the observe executor runs: no rules of its own, so it watches the triggers. */
    static PlannedStep window(Duration left) {
        Action.Observe observe = new Action.Observe(left, List.of());
        return PlannedStep.unbound(new Step(SCOPE, "triggers", "the runbook's triggers, armed until the rollback deadline",
                0, 0, false, observe, StepPolicy.DEFAULT, List.of()));
    }

    /** What the window's end means for the run, in the journal's words; null when it only reached the deadline. */
    static List<RunEvent> verdict(StepOutcome outcome, RunState state, int attempt) {
        RunEvent.StepAwaiting waiting = state.awaiting();
        String step = waiting != null && waiting.await() != RunEvent.Await.DECISION ? waiting.step() : null;
        return switch (outcome) {
            case StepOutcome.Succeeded ok -> null;
            case StepOutcome.Failed fired when state.status() == RunStatus.WATCHING ->
                    List.of(new RunEvent.RollbackStarted("while watching: " + fired.reason()));
            case StepOutcome.Unverified unread when state.status() == RunStatus.WATCHING ->
                    List.of(new RunEvent.RollbackStarted("while watching, monitors could not be read: " + unread.reason()));
            case StepOutcome.Failed fired -> step == null
                    ? List.of(new RunEvent.RollbackStarted("a trigger fired: " + fired.reason()))
                    : fired(step, attempt, fired.reason());
            // Nobody is asked for a wait that is not a step's: the triggers re-arm with the next step.
            case StepOutcome.Unverified unread -> step == null ? List.of()
                    : List.of(blind(step, attempt, unread.reason()));
        };
    }

    /**
     * A trigger fired while {@code step} ran or waited: the step is stopped and the release rolls back.
     * These entries record no output digest: a running step is stopped only after they are journaled,
     * and its output may be stored until then.
     */
    static List<RunEvent> fired(String step, int attempt, String reason) {
        return List.of(new RunEvent.StepFailed(step, attempt, "stopped: a trigger fired: " + reason, null),
                new RunEvent.RollbackStarted("a trigger fired during step \"" + step + "\": " + reason));
    }

    /** The triggers could not be read while {@code step} ran: it is stopped, and a person decides. */
    static RunEvent blind(String step, int attempt, String reason) {
        return new RunEvent.StepFailed(step, attempt, BLIND + reason, null, true);
    }

    /** True while the run asks a person about a step stopped for unreadable triggers: they stay off until then. */
    static boolean blindDecision(RunState state) {
        RunEvent.StepAwaiting a = state.awaiting();
        if (a == null || a.await() != RunEvent.Await.DECISION) return false;
        String detail = state.stepOrPending(a.step()).detail();
        return detail != null && detail.startsWith(BLIND);
    }
}
