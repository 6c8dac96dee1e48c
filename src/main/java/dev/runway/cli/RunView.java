package dev.runway.cli;

import dev.runway.engine.RunEvent.StepAwaiting;
import dev.runway.engine.RunState;
import dev.runway.engine.StepState;
import dev.runway.plan.Plan;
import dev.runway.plan.PlannedStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A run as JSON-ready maps: what {@code run}, {@code resume} and {@code status} print with --json. */
final class RunView {

    private RunView() {}

    static Map<String, Object> of(RunState state, Plan plan, String home) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", state.runId());
        m.put("status", state.status().label());
        m.put("runbook", state.start().runbook());
        m.put("environment", state.start().environment());
        m.put("file", state.start().file());
        m.put("initiator", state.initiator());
        m.put("vars", state.start().vars());
        m.put("started_at", state.startedAt());
        m.put("updated_at", state.updatedAt());
        m.put("finished_at", state.finishedAt());
        m.put("reason", state.finishReason());
        if (state.rollbackReason() != null) m.put("rollback_reason", state.rollbackReason());
        StepAwaiting a = state.awaiting();
        if (a != null) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("step", a.step());
            w.put("kind", a.await().label());
            w.put("reason", a.reason());
            w.put("until", a.until());
            m.put("awaiting", w);
        }
        List<Map<String, Object>> steps = new ArrayList<>();
        for (PlannedStep p : plan.steps()) {
            StepState s = state.stepOrPending(p.id());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", p.id());
            row.put("kind", p.step().kind());
            row.put("rollback", p.step().rollback());
            row.put("status", s.status().label());
            row.put("attempt", s.attempt());
            row.put("started_at", s.startedAt());
            row.put("finished_at", s.finishedAt());
            row.put("duration_ms", durationMs(s.startedAt(), s.finishedAt()));
            row.put("detail", s.detail());
            if (!s.approvers().isEmpty()) row.put("approved_by", s.approvers());
            if (s.confirmedBy() != null) row.put("confirmed_by", s.confirmedBy());
            steps.add(row);
        }
        m.put("steps", steps);
        m.put("home", home);
        return m;
    }

    static Long durationMs(Instant from, Instant to) {
        return from == null || to == null ? null : to.toEpochMilli() - from.toEpochMilli();
    }
}
