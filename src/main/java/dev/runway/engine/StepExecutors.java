package dev.runway.engine;

import dev.runway.engine.step.StepExecutor;
import dev.runway.plan.PlannedStep;
import dev.runway.runbook.Action;

/** Which executor runs which kind of step. Waiting kinds (manual, gate, wait) never reach here. */
public record StepExecutors(StepExecutor shell, StepExecutor http, StepExecutor observe) {

    /** The executors Runway runs with: real bash, real HTTP, real monitors. */
    public static StepExecutors standard(java.time.Clock clock) {
        return new StepExecutors(new dev.runway.engine.step.ShellExecutor(), new dev.runway.engine.step.HttpExecutor(),
                new dev.runway.engine.step.ObserveExecutor(clock));
    }

    public StepExecutor forStep(PlannedStep step) {
        return switch (step.bound()) {
            case Action.Shell s -> shell;
            case Action.Check c -> shell;
            case Action.Http h -> http;
            case Action.Observe o -> observe;
            case Action.Manual m -> throw new IllegalArgumentException("manual step " + step.id() + " is confirmed, not executed");
            case Action.Gate g -> throw new IllegalArgumentException("gate " + step.id() + " is approved, not executed");
            case Action.Wait w -> throw new IllegalArgumentException("wait " + step.id() + " is a timer, not executed");
        };
    }
}
