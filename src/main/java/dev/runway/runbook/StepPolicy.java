package dev.runway.runbook;

import java.time.Duration;

/**
 * How a step behaves on failure, after a crash and in time. From a step's {@code runway}
 * directive, falling back to front matter defaults.
 *
 * @param timeout null for none
 */
public record StepPolicy(OnFailure onFailure, boolean idempotent, Duration timeout, Retry retry) {

    public enum OnFailure {
        ASK, ROLLBACK, ABORT, CONTINUE;

        public String label() { return name().toLowerCase(); }
    }

    /** Automatic retries before the failure policy applies; attempts counts the first try. */
    public record Retry(int attempts, Duration delay) {
        public static final Retry NONE = new Retry(1, Duration.ZERO);
    }

    public static final StepPolicy DEFAULT = new StepPolicy(OnFailure.ASK, false, null, Retry.NONE);
}
