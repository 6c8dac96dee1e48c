package dev.runway.engine.step;

/** How one attempt of a step ended. Output is already masked and bounded. */
public sealed interface StepOutcome {

    String output();

    record Succeeded(String detail, String output) implements StepOutcome {}

    record Failed(String reason, String output) implements StepOutcome {}
}
