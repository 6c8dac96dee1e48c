package dev.runway.cli;

import dev.runway.engine.Durations;
import dev.runway.engine.RunStarts;
import dev.runway.plan.Plan;
import dev.runway.plan.PlannedStep;
import dev.runway.runbook.Action;
import dev.runway.runbook.Diagnostic;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.Section;
import dev.runway.runbook.Step;
import dev.runway.runbook.StepPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code runway plan --json}. Built from each step's shown form only: a secret's value is
 * never in reach of this class.
 */
final class PlanJson {

    private PlanJson() {}

    static Map<String, Object> of(Plan plan) {
        Runbook rb = plan.runbook();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runbook", RunStarts.runbookName(rb));
        m.put("title", plan.title());
        m.put("file", rb.file());
        m.put("environment", RunStarts.environmentOf(rb));
        m.put("vars", plan.bindings().values());
        m.put("secrets", rb.front().secrets());
        m.putAll(PlanWatch.of(plan).json(plan));
        List<Map<String, Object>> steps = new ArrayList<>();
        for (PlannedStep p : plan.steps()) steps.add(step(plan, p));
        m.put("steps", steps);
        List<Map<String, Object>> sections = new ArrayList<>();
        for (Section s : rb.sections()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("title", s.title());
            row.put("line", s.line());
            row.put("role", s.role().name().toLowerCase());
            sections.add(row);
        }
        m.put("sections", sections);
        List<Map<String, Object>> warnings = new ArrayList<>();
        for (Diagnostic d : rb.warnings()) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("line", d.line());
            w.put("column", d.column());
            w.put("code", d.code());
            w.put("message", d.message());
            warnings.add(w);
        }
        m.put("warnings", warnings);
        return m;
    }

    private static Map<String, Object> step(Plan plan, PlannedStep p) {
        Step s = p.step();
        PlannedStep.Shown shown = p.shown();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", s.id());
        row.put("section", s.section());
        row.put("title", shown.title());
        row.put("kind", s.kind());
        row.put("line", s.line());
        row.put("rollback", s.rollback());
        if (shown.command() != null) row.put("command", shown.command());
        // What each environment reference in the command will hold; null while unbound.
        if (!shown.env().isEmpty()) row.put("env", shown.env());
        switch (shown.action()) {
            case Action.Shell sh -> {
                if (sh.expected() != null) row.put("expect", sh.expected().lines());
            }
            case Action.Check c -> { }
            case Action.Manual m -> { if (!m.details().isEmpty()) row.put("details", m.details()); }
            case Action.Gate g -> {
                row.put("gate", g.policy());
                row.put("approval", dev.runway.access.GatePolicies.document(plan.runbook().front(), g.policy()));
            }
            case Action.Wait w -> row.put("wait", Durations.format(w.duration()));
            case Action.Http h -> {
                row.put("request", h.method() + " " + h.url());
                if (!h.headers().isEmpty()) row.put("headers", h.headers());
                if (h.body() != null) row.put("body", h.body());
                row.put("expect_status", h.expect().status());
                if (!h.expect().json().isEmpty()) row.put("expect_json", h.expect().json());
                if (h.expect().within() != null) row.put("expect_within", Durations.format(h.expect().within()));
                if (h.expect().contains() != null) row.put("expect_contains", h.expect().contains());
                if (h.severity() != null) row.put("severity", h.severity());
            }
            case Action.Observe o -> {
                row.put("observe", Durations.format(o.window()));
                row.put("rules", o.rules());
            }
        }
        StepPolicy policy = s.policy();
        row.put("on_failure", policy.onFailure().label());
        row.put("idempotent", policy.idempotent());
        if (policy.timeout() != null) row.put("timeout", Durations.format(policy.timeout()));
        if (policy.retry().attempts() > 1) {
            row.put("retry", Map.of("attempts", policy.retry().attempts(), "delay", Durations.format(policy.retry().delay())));
        }
        if (!s.notes().isEmpty()) row.put("notes", s.notes().stream().map(plan.bindings()::display).toList());
        return row;
    }
}
