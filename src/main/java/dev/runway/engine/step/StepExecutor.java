package dev.runway.engine.step;

/**
 * Runs one attempt of one kind of step. Executors never throw for a failing step: every way a
 * step can go wrong is a {@link StepOutcome.Failed} with a reason a person can act on.
 */
public interface StepExecutor {

    StepOutcome execute(StepContext context) throws InterruptedException;
}
