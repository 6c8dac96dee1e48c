package dev.runway.engine.step;

/** How one attempt of a step ended. Output is already masked and bounded. */
public sealed interface StepOutcome {

    String output();

    record Succeeded(String detail, String output) implements StepOutcome {}

    record Failed(String reason, String output) implements StepOutcome {}

    /**
     * The step could not read what it was to verify (a monitor without data). Never a pass, and
     * not a verdict either: a person decides, whatever the step's {@code on_failure} says.
     */
    record Unverified(String reason, String output) implements StepOutcome {}
}
