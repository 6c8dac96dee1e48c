package dev.runway.runbook;

import java.util.List;

/**
 * One unit the engine runs and journals. {@code id} is stable for a given document (derived
 * from the heading or section, or set with a directive {@code id:}) and is what people type in
 * {@code runway logs --step ID} or {@code runway decide}.
 *
 * @param line   1-based source line of the construct that made the step
 * @param column 1-based source column
 * @param notes  prose shown with the step (paragraphs, plain bullets, sub-bullets)
 */
public record Step(
        String id,
        String section,
        String title,
        int line,
        int column,
        boolean rollback,
        Action action,
        StepPolicy policy,
        List<String> notes) {

    public String kind() {
        return action.kind();
    }
}
