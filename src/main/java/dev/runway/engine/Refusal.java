package dev.runway.engine;

/** A person asked for something the run's state or policy does not allow; the message says why. */
public final class Refusal extends RuntimeException {
    public Refusal(String message) {
        super(message);
    }
}
