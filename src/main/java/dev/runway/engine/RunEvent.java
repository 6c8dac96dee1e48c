package dev.runway.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One entry of a run's journal. Every change to a run is one of these, appended (and made
 * durable) before it takes effect; a run's state is the fold of its events ({@link RunState}).
 * Events never carry secret values: outputs are masked before they get here.
 */
public sealed interface RunEvent {

    /** The step this event is about, or null for run-level events. */
    default String step() {
        return null;
    }

    /** The journal's name for the event, as stored and shown ({@code step.started}). */
    String type();

    /**
     * @param source       the runbook text the run executes; resume re-parses this, not the file
     * @param vars         bound variable values (secrets are not among them)
     * @param secretNames  names of secrets the run needs again on resume
     * @param options      run options that must survive a crash (confirm-manual)
     */
    record RunStarted(String runbook, String environment, String title, String file, String source,
                      String sourceSha256, Map<String, String> vars, List<String> secretNames,
                      String initiator, Map<String, String> options) implements RunEvent {
        public String type() { return "run.started"; }
    }

    record StepStarted(String step, int attempt) implements RunEvent {
        public String type() { return "step.started"; }
    }

    /**
     * @param detail       a short verdict ("exit 0", "HTTP 200 in 12 ms", "approved by bob")
     * @param output       the end of the output, an excerpt; the whole of it is stored beside the journal
     * @param outputSha256 the {@link OutputDigest} of the attempt's stored output, which no one may
     *                     change after this entry; null when not recorded (journals written before
     *                     it existed)
     */
    record StepSucceeded(String step, int attempt, String detail, String output, String outputSha256) implements RunEvent {
        public StepSucceeded(String step, int attempt, String detail, String output) {
            this(step, attempt, detail, output, null);
        }

        public String type() { return "step.succeeded"; }
    }

    /**
     * {@code unverified}: the step could not read what it had to check (an observe window
     * without data), so a person decides whatever the step's {@code on_failure} says.
     * Absent, as false, in journals written before it existed. {@code outputSha256} as for
     * {@link StepSucceeded}; also null for a step stopped because a trigger fired, whose
     * output may go on arriving until it is stopped, after this entry.
     */
    record StepFailed(String step, int attempt, String reason, String output, boolean unverified,
                      String outputSha256) implements RunEvent {
        public StepFailed(String step, int attempt, String reason, String output) {
            this(step, attempt, reason, output, false);
        }

        public StepFailed(String step, int attempt, String reason, String output, boolean unverified) {
            this(step, attempt, reason, output, unverified, null);
        }

        public String type() { return "step.failed"; }
    }

    /** Recorded on resume for a step that was running when the process died. */
    record StepInterrupted(String step, int attempt) implements RunEvent {
        public String type() { return "step.interrupted"; }
    }

    /**
     * The run now waits for a person or a timer; {@code until} is set for timers only.
     *
     * @param approvalsNeeded how many distinct approvals pass the gate, for gates only (entries
     *                        written before it was recorded have none): {@code status} can then
     *                        tell whether a gate has enough without parsing the runbook again
     */
    record StepAwaiting(String step, Await await, String reason, Instant until, Integer approvalsNeeded) implements RunEvent {
        public StepAwaiting(String step, Await await, String reason, Instant until) {
            this(step, await, reason, until, null);
        }

        public String type() { return "step.awaiting"; }
    }

    record StepSkipped(String step, String actor, String reason) implements RunEvent {
        public String type() { return "step.skipped"; }
    }

    record Approved(String step, String actor, String comment) implements RunEvent {
        public String type() { return "gate.approved"; }
    }

    record Rejected(String step, String actor, String comment) implements RunEvent {
        public String type() { return "gate.rejected"; }
    }

    /** A manual task confirmed; {@code onBehalf} when {@code --confirm-manual} did it for the initiator. */
    record Confirmed(String step, String actor, boolean onBehalf, String comment) implements RunEvent {
        public String type() { return "manual.confirmed"; }
    }

    record Decided(String step, Decision choice, String actor, String reason) implements RunEvent {
        public String type() { return "decision.made"; }
    }

    /** A refused action (wrong person, wrong moment); kept for the audit trail, changes nothing. */
    record ActionDenied(String step, String actor, String action, String reason) implements RunEvent {
        public String type() { return "action.denied"; }
    }

    /**
     * Every step succeeded; the runbook's triggers stay armed until {@code until} (the rollback
     * deadline) and roll the release back by themselves if one fires.
     */
    record WatchStarted(Instant until, List<String> triggers) implements RunEvent {
        public String type() { return "watch.started"; }
    }

    /**
     * A person took the run up again ({@code runway resume}, {@code POST …/resume}) after a crash,
     * a stop or {@code --no-wait}; what the engine journals from here on is in their name.
     */
    record RunResumed(String actor) implements RunEvent {
        public String type() { return "run.resumed"; }
    }

    record RollbackRequested(String actor, String reason) implements RunEvent {
        public String type() { return "rollback.requested"; }
    }

    record RollbackStarted(String reason) implements RunEvent {
        public String type() { return "rollback.started"; }
    }

    record RunFinished(RunStatus status, String reason) implements RunEvent {
        public String type() { return "run.finished"; }
    }

    /**
     * An API token was issued (global, no run). Names the token by id only: neither the token
     * nor its hash is ever journaled.
     *
     * @param expiresAt null for a token that never expires
     */
    record TokenCreated(String tokenId, String user, List<String> roles, Instant expiresAt) implements RunEvent {
        public String type() { return "token.created"; }
    }

    /** An API token was revoked (global, no run); {@code user} is whom it stood for. */
    record TokenRevoked(String tokenId, String user) implements RunEvent {
        public String type() { return "token.revoked"; }
    }

    /** What a waiting run waits for. */
    enum Await {
        GATE, MANUAL, TIMER, DECISION;

        public String label() { return name().toLowerCase(); }
    }

    /** The choices a person has on a failed or interrupted step. */
    enum Decision {
        RETRY, SKIP, ROLLBACK, ABORT;

        public String label() { return name().toLowerCase(); }

        /** The choices a person has on a failed step, as the CLI takes them; rollback is none while rolling back. */
        public static String choices(boolean rollingBack) {
            return rollingBack ? "retry|skip|abort" : "retry|skip|rollback|abort";
        }
    }
}
