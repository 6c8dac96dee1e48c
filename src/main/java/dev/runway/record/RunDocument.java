package dev.runway.record;

import dev.runway.engine.MonitorReading;
import dev.runway.engine.RunSnapshot.StepListing;
import dev.runway.engine.RunSnapshot.StepRow;
import dev.runway.engine.RunSummary;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run as {@code runway status --json} and the API show it. Built from the read model and the
 * journal's entries of people's acts ({@link PeopleActs}): no journal fold, no runbook parse.
 */
public final class RunDocument {

    private RunDocument() {}

    /**
     * The run with the figures of the windows watching it now ({@code monitors}): each rule's
     * latest value against its threshold, whether and for how long it breaches, and the
     * seconds left until {@code now} reaches the window's end.
     */
    public static Map<String, Object> of(RunSummary run, List<StepListing> steps, PeopleActs acts, List<MonitorReading> monitors,
                                         Instant now) {
        Map<String, Object> m = of(run, steps, acts);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (MonitorReading r : monitors) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("scope", r.scope());
            row.put("rule", r.rule());
            row.put("metric", r.metric());
            row.put("value", r.value());
            row.put("shown", r.shown());
            row.put("threshold", r.threshold());
            row.put("state", r.state());
            row.put("breaching", r.breachingSince() != null);
            row.put("breaching_since", r.breachingSince());
            row.put("breaching_for_s", r.breachingSince() == null ? null : secondsBetween(r.breachingSince(), now));
            row.put("samples", r.samples());
            row.put("until", r.until());
            row.put("seconds_left", r.until() == null ? null : Math.max(0, secondsBetween(now, r.until())));
            row.put("at", r.at());
            rows.add(row);
        }
        m.put("monitors", rows);
        return m;
    }

    private static long secondsBetween(Instant from, Instant to) {
        return Math.ceilDiv(to.toEpochMilli() - from.toEpochMilli(), 1000);
    }

    public static Map<String, Object> of(RunSummary run, List<StepListing> steps, PeopleActs acts) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run.id());
        m.put("status", run.status().label());
        m.put("runbook", run.runbook());
        m.put("environment", run.environment());
        m.put("file", run.file());
        m.put("initiator", run.initiator());
        m.put("vars", run.vars());
        m.put("phase", run.phase().name().toLowerCase());
        m.put("started_at", run.createdAt());
        m.put("updated_at", run.updatedAt());
        m.put("finished_at", run.finishedAt());
        m.put("reason", run.reason());
        RunSummary.Awaiting a = run.awaiting();
        if (a != null) {
            Map<String, Object> w = new LinkedHashMap<>();
            w.put("step", a.step());
            w.put("kind", a.kind().label());
            w.put("reason", a.reason());
            w.put("until", a.until());
            if (a.approvalsNeeded() != null) w.put("approvals_needed", a.approvalsNeeded());
            m.put("awaiting", w);
        }
        m.put("pending_decision", acts.pendingDecision().map(d -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("step", d.step());
            p.putAll(decision(d));
            return p;
        }).orElse(null));
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StepListing listing : steps) {
            StepRow s = listing.row();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", s.id());
            row.put("kind", listing.outline().kind());
            row.put("rollback", listing.outline().rollback());
            row.put("status", s.status().labelIn(run.status()));
            row.put("attempt", s.attempt());
            row.put("started_at", s.startedAt());
            row.put("finished_at", s.finishedAt());
            row.put("duration_ms", durationMs(s.startedAt(), s.finishedAt()));
            row.put("detail", s.detail());
            if (!s.approvers().isEmpty()) row.put("approved_by", s.approvers());
            List<PeopleActs.Act> people = acts.at(s.id());
            if (s.confirmedBy() != null) row.put("confirmed_by", confirmer(people, s.confirmedBy()));
            people(row, people);
            rows.add(row);
        }
        m.put("steps", rows);
        return m;
    }

    /**
     * Who acted at a step, each act with its time: {@code approvals} (one per approver, as the
     * gate counts them), {@code rejection}, {@code confirmation} and every {@code decision}, with
     * {@code decided_by} beside them as {@code approved_by} and {@code confirmed_by} are: the person
     * of each decision, in order. Only the keys of acts the step had. The executed runbook's JSON
     * gives its steps the same keys.
     */
    static void people(Map<String, Object> row, List<PeopleActs.Act> acts) {
        if (acts.isEmpty()) return;
        List<Map<String, Object>> approvals = new ArrayList<>();
        java.util.Set<String> approvers = new java.util.HashSet<>();
        List<Map<String, Object>> decisions = new ArrayList<>();
        for (PeopleActs.Act act : acts) {
            switch (act) {
                case PeopleActs.Approval a -> {
                    if (approvers.add(a.by())) approvals.add(act(a.by(), "comment", a.comment(), a.at()));
                }
                case PeopleActs.Rejection r -> row.put("rejection", act(r.by(), "comment", r.comment(), r.at()));
                case PeopleActs.Confirmation c -> {
                    Map<String, Object> confirmation = act(c.by(), "comment", c.comment(), c.at());
                    confirmation.put("on_behalf", c.onBehalf());
                    row.put("confirmation", confirmation);
                }
                case PeopleActs.Decision d -> decisions.add(decision(d));
            }
        }
        if (!approvals.isEmpty()) row.put("approvals", approvals);
        if (!decisions.isEmpty()) {
            row.put("decisions", decisions);
            row.put("decided_by", decisions.stream().map(d -> d.get("by")).toList());
        }
    }

    /**
     * The name alone, as {@code approved_by} holds names: the read model's text says when
     * {@code --confirm-manual} confirmed on the initiator's behalf, which {@code confirmation}
     * carries as {@code on_behalf}.
     */
    static String confirmer(List<PeopleActs.Act> acts, String readModel) {
        for (int i = acts.size() - 1; i >= 0; i--) {
            if (acts.get(i) instanceof PeopleActs.Confirmation c) return c.by();
        }
        return readModel;
    }

    private static Map<String, Object> decision(PeopleActs.Decision d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("choice", d.choice().label());
        m.putAll(act(d.by(), "reason", d.reason(), d.at()));
        return m;
    }

    private static Map<String, Object> act(String by, String textKey, String text, Instant at) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("by", by);
        m.put(textKey, text);
        m.put("at", at);
        return m;
    }

    /**
     * A run as one line of history: what {@code runway history --json} and {@code GET /api/runs}
     * list; {@code finished_at} and {@code reason} are null while the run has not ended.
     */
    public static Map<String, Object> historyRow(RunSummary r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", r.id());
        m.put("status", r.status().label());
        m.put("runbook", r.runbook());
        m.put("title", r.title());
        m.put("environment", r.environment());
        m.put("version", r.vars().get("version"));
        m.put("initiator", r.initiator());
        m.put("started_at", r.createdAt());
        m.put("updated_at", r.updatedAt());
        m.put("finished_at", r.finishedAt());
        m.put("reason", r.reason());
        m.put("vars", r.vars());
        return m;
    }

    static Long durationMs(Instant from, Instant to) {
        return from == null || to == null ? null : to.toEpochMilli() - from.toEpochMilli();
    }
}
