package dev.runway.plan;

import dev.runway.runbook.Action;
import dev.runway.runbook.Step;
import dev.runway.verify.ExpectedOutput;

/**
 * A step with its texts bound.
 *
 * @param bound    the step's action with variables applied: shell scripts and check commands
 *                 refer to variables through environment variables ({@code "${RUNWAY_VAR_x}"}),
 *                 never by pasting values; URLs, headers and display texts carry the values
 * @param display  the command as a person reads it, values filled in (secrets masked); null
 *                 for steps without a command
 * @param expected compiled expected output, or null
 */
public record PlannedStep(Step step, Action bound, String display, ExpectedOutput expected) {

    public String id() {
        return step.id();
    }
}
