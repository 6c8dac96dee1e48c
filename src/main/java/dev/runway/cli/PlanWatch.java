package dev.runway.cli;

import dev.runway.engine.Durations;
import dev.runway.engine.TriggerArming;
import dev.runway.plan.Plan;
import dev.runway.plan.PlannedStep;
import dev.runway.verify.Monitors;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a plan watches besides its steps: the declared monitors, the triggers, and when the
 * triggers are armed (DESIGN.md: "plan shows where arming starts"). The engine arms them from
 * the first production step until the rollback deadline, and every observe window watches
 * them too; without a deadline only the observe windows do.
 */
record PlanWatch(List<Monitors.Spec> monitors, List<String> triggers, Duration deadline, PlannedStep armedFrom) {

    static PlanWatch of(Plan plan) {
        Map<String, Monitors.Spec> specs = Monitors.declared(plan.runbook().front().extra().get("monitors")).specs();
        return new PlanWatch(List.copyOf(specs.values()), TriggerArming.triggers(plan),
                plan.runbook().front().rollbackDeadline(), TriggerArming.firstProductionStep(plan));
    }

    /** True when the triggers are armed beside ordinary steps, not only during observe windows. */
    boolean armsTriggers() {
        return !triggers.isEmpty() && deadline != null && armedFrom != null;
    }

    /** One sentence on when the triggers are watched. */
    String arming() {
        if (armsTriggers()) {
            return "armed from step \"" + armedFrom.id() + "\" (line " + armedFrom.step().line() + ", § " + armedFrom.step().section()
                    + ") until rollback_deadline " + Durations.format(deadline) + " after it starts, and during every observe window";
        }
        return "watched only during observe windows: no rollback_deadline is set";
    }

    /** A monitor as {@code plan} prints it, its variables shown as the plan binds them. */
    static String describe(Monitors.Spec m, Plan plan) {
        String what = plan.bindings().display(m.target());
        String from = m.kind() == Monitors.Kind.PROMETHEUS && m.url() != null ? " at " + plan.bindings().display(m.url()) : "";
        return m.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + what + from + ", every " + Durations.format(m.every());
    }

    Map<String, Object> json(Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Monitors.Spec spec : monitors) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", spec.name());
            row.put("kind", spec.kind().name().toLowerCase(java.util.Locale.ROOT));
            row.put("target", plan.bindings().display(spec.target()));
            if (spec.url() != null) row.put("url", plan.bindings().display(spec.url()));
            row.put("every", Durations.format(spec.every()));
            rows.add(row);
        }
        m.put("monitors", rows);
        m.put("triggers", triggers);
        m.put("rollback_deadline", deadline == null ? null : Durations.format(deadline));
        Map<String, Object> arming = null;
        if (armsTriggers()) {
            arming = new LinkedHashMap<>();
            arming.put("from_step", armedFrom.id());
            arming.put("line", armedFrom.step().line());
            arming.put("section", armedFrom.step().section());
            arming.put("until", Durations.format(deadline) + " after that step starts");
        }
        m.put("arming", arming);
        return m;
    }
}
