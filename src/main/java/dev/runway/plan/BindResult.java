package dev.runway.plan;

import dev.runway.runbook.Diagnostic;
import java.util.List;

/**
 * The outcome of binding. The plan is always built, even when there are errors, so
 * {@code runway plan} can show what it would do; {@code run} must not start unless {@link #ok()}.
 */
public record BindResult(Plan plan, List<Diagnostic> errors) {

    public boolean ok() {
        return errors.isEmpty();
    }
}
