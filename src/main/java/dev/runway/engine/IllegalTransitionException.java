package dev.runway.engine;

/** A move the lifecycle table does not allow; the message names run, state and trigger. */
public final class IllegalTransitionException extends RuntimeException {
    public IllegalTransitionException(String message) {
        super(message);
    }
}
