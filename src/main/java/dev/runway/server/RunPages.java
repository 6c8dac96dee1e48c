package dev.runway.server;

import dev.runway.access.ApprovalRules;
import dev.runway.access.GatePolicies;
import dev.runway.access.Identity;
import dev.runway.engine.JournalStore;
import dev.runway.engine.RunState;
import dev.runway.plan.Plan;
import dev.runway.plan.PlannedStep;
import dev.runway.record.ReportHtml;
import dev.runway.runbook.Action;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The live page of one run and its executed-runbook report. The page carries what the browser
 * needs to draw the run and to offer only the buttons this viewer may use: the same
 * {@link Allowed} as the API routes the buttons call, and each gate's own policy.
 */
final class RunPages {

    /** The run page's model: {@code data} is JSON the page's script draws from and keeps current. */
    record RunView(Viewer viewer, String runId, String title, String data) {}

    record Report(Viewer viewer, String runId, String title, String html) {}

    private final JournalStore store;
    private final RunsApi runs;

    RunPages(JournalStore store, RunsApi runs) {
        this.store = store;
        this.runs = runs;
    }

    void run(Context ctx) {
        String runId = runs.existingRun(ctx);
        Identity who = Access.identity(ctx);
        RunState state = RunState.fold(runId, store.load(runId));
        Plan plan = Plans.of(state.start(), false);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run", runs.view(runId));
        data.put("steps", steps(plan));
        data.put("may", permissions(who));
        data.put("gates", gates(who, plan, state.initiator()));
        Templates.render(ctx, 200, "run.jte", new RunView(Viewer.of(ctx), runId, title(plan, runId), RunEvents.json(data)));
    }

    void report(Context ctx) {
        String runId = runs.existingRun(ctx);
        RunState state = RunState.fold(runId, store.load(runId));
        Plan plan = Plans.of(state.start(), false);
        Templates.render(ctx, 200, "report.jte", new Report(Viewer.of(ctx), runId, title(plan, runId), ReportHtml.body(state, plan)));
    }

    /** What this viewer may do on any run, from the routes' own {@link Allowed}. */
    private static Map<String, Object> permissions(Identity who) {
        Map<String, Object> may = new LinkedHashMap<>();
        may.put("approve", Allowed.APPROVERS.permits(who));
        may.put("reject", Allowed.REJECTERS.permits(who));
        may.put("confirm", Allowed.OPERATORS.permits(who));
        may.put("decide", Allowed.DECIDERS.permits(who));
        // An agent may retry or abort, never skip or roll back: that is a person's call.
        may.put("skip", Allowed.DECIDERS.permits(who) && !who.isAgent());
        may.put("rollback", Allowed.OPERATORS.permits(who) && !who.isAgent());
        return may;
    }

    /** Per gate step: whether this viewer may approve it (four eyes, roles, users), else why not. */
    private static Map<String, Object> gates(Identity who, Plan plan, String initiator) {
        Map<String, Object> gates = new LinkedHashMap<>();
        for (PlannedStep p : plan.steps()) {
            if (!(p.bound() instanceof Action.Gate gate)) continue;
            var policy = GatePolicies.resolve(plan.runbook().front(), gate.policy());
            var refusal = ApprovalRules.refusal(who, policy, initiator, gate.policy());
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("approve", refusal.isEmpty());
            g.put("reject", refusal.isEmpty() || who.name().equals(initiator));
            g.put("why_not", refusal.orElse(null));
            g.put("needs", policy.count());
            gates.put(p.id(), g);
        }
        return gates;
    }

    private static List<Map<String, Object>> steps(Plan plan) {
        return plan.steps().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", p.id());
            m.put("title", p.shown().title());
            m.put("section", p.step().section());
            m.put("kind", p.step().kind());
            m.put("command", p.display());
            if (p.bound() instanceof Action.Observe o) m.put("window_s", o.window().toSeconds());
            if (p.bound() instanceof Action.Wait w) m.put("window_s", w.duration().toSeconds());
            return m;
        }).toList();
    }

    private static String title(Plan plan, String runId) {
        String t = plan.title();
        return t == null || t.isBlank() ? runId : t;
    }
}
