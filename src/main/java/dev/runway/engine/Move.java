package dev.runway.engine;

import java.time.Instant;

/**
 * What the engine should do next for a run, as decided by {@link NextMove} from the run's
 * state alone. The engine performs the move (journal first, then the effect).
 */
public sealed interface Move {

    /** Append StepStarted, run the step, append its outcome. */
    record Execute(String step, int attempt) implements Move {}

    /** Pause before an automatic retry. */
    record Delay(String step, Instant until) implements Move {}

    /** Enter a wait (append StepAwaiting) unless already in it; a gate's also says how many approvals pass it. */
    record Await(String step, RunEvent.Await kind, String reason, Instant until, Integer approvalsNeeded) implements Move {
        public Await(String step, RunEvent.Await kind, String reason, Instant until) {
            this(step, kind, reason, until, null);
        }
    }

    /** Still waiting: nothing to append; look again at {@code until} or when events arrive. */
    record Idle(Instant until) implements Move {}

    /** Confirm a manual task on the initiator's behalf ({@code --confirm-manual}). */
    record ConfirmOnBehalf(String step) implements Move {}

    /** A wait is over: gate quorum reached, manual task confirmed, timer elapsed. */
    record Complete(String step, String detail) implements Move {}

    record Fail(String step, String reason) implements Move {}

    record Skip(String step, String actor, String reason) implements Move {}

    record StartRollback(String reason) implements Move {}

    /** All steps done and triggers armed: enter {@code watching} until the rollback deadline. */
    record StartWatch(Instant until, java.util.List<String> triggers) implements Move {}

    /** Keep watching the triggers until {@code until}; a fired trigger rolls back. */
    record Watch(Instant until) implements Move {}

    record Finish(RunStatus status, String reason) implements Move {}

    /** The run is over; nothing to do. */
    record Done() implements Move {}
}
