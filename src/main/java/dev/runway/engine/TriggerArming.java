package dev.runway.engine;

import dev.runway.plan.Plan;
import dev.runway.plan.PlannedStep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * When a runbook's triggers are armed: from the first step of the production section
 * ({@code production_from}, else the first section whose title mentions production, else the
 * first step) until {@code rollback_deadline} after that step started.
 */
public final class TriggerArming {

    private TriggerArming() {}

    public static List<String> triggers(Plan plan) {
        Object raw = plan.runbook().front().extra().get("triggers");
        if (!(raw instanceof List<?> list)) return List.of();
        return list.stream().map(String::valueOf).toList();
    }

    /** The step from which production changes start, or null when the runbook has no steps. */
    public static PlannedStep firstProductionStep(Plan plan) {
        return plan.productionStart();
    }

    /** The rollback deadline of this run, or null when none is set or production has not started. */
    public static Instant deadline(Plan plan, RunState state) {
        Duration window = plan.runbook().front().rollbackDeadline();
        PlannedStep first = firstProductionStep(plan);
        if (window == null || first == null) return null;
        Instant armed = state.stepOrPending(first.id()).startedAt();
        return armed == null ? null : armed.plus(window);
    }
}
