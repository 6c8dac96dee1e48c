package dev.runway.plan;

import dev.runway.runbook.Runbook;
import java.util.List;

/**
 * A runbook with its variables bound: exactly what a run will execute. Forward steps run in
 * order; rollback steps run only when the run rolls back.
 */
public record Plan(Runbook runbook, Bindings bindings, List<PlannedStep> steps) {

    public List<PlannedStep> forward() {
        return steps.stream().filter(s -> !s.step().rollback()).toList();
    }

    public List<PlannedStep> rollback() {
        return steps.stream().filter(s -> s.step().rollback()).toList();
    }

    public PlannedStep step(String id) {
        return steps.stream().filter(s -> s.step().id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no step \"" + id + "\" in " + runbook.file()));
    }
}
