package dev.runway.engine.step;

/**
 * Observation windows need monitors, which this version does not read yet. Rather than pass
 * a window it cannot watch (a silent pass), the step fails and says why.
 */
public final class ObserveExecutor implements StepExecutor {

    @Override
    public StepOutcome execute(StepContext ctx) {
        return new StepOutcome.Failed("observe steps need metric monitors, which this version of Runway "
                + "cannot read yet; replace the step with a check or skip it with a reason", "");
    }
}
