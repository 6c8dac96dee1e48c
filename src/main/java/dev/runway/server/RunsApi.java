package dev.runway.server;

import dev.runway.record.RunDocument;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runway.access.Identity;
import dev.runway.engine.Interventions;
import dev.runway.engine.JournalStore;
import dev.runway.engine.JournalStore.LockedException;
import dev.runway.engine.JournalStore.OutputChunk;
import dev.runway.engine.Engine;
import dev.runway.engine.Refusal;
import dev.runway.engine.RunEvent.Decision;
import dev.runway.engine.RunEvent.RollbackRequested;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunStarts;
import dev.runway.engine.RunOwner;
import dev.runway.engine.RunState;
import dev.runway.engine.RunSummary;
import dev.runway.engine.StoredEvent;
import dev.runway.plan.BindResult;
import dev.runway.plan.Binder;
import dev.runway.plan.Plan;
import dev.runway.record.AuditVerifier;
import dev.runway.record.ExecutedRunbook;
import dev.runway.record.PeopleActs;
import dev.runway.record.StepAttempt;
import dev.runway.record.ReportHtml;
import dev.runway.runbook.Diagnostic;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.RunbookLoader;
import io.javalin.http.Context;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The handlers behind {@code /api/runs…}, {@code /api/runbooks} and {@code /api/audit}: the CLI's commands over HTTP. */
final class RunsApi {

    static final int MAX_PAGE = 200;
    /** Run option marking runs started through the API: only those are picked up again without being asked to. */
    static final String ORIGIN = "origin";
    static final String SERVER = "server";

    private final JournalStore store;
    private final Engine engine;
    private final Interventions interventions;
    private final Drives drives;
    private final RunbookDirectory runbooks;
    private final Clock clock;
    private final long maxBody;
    private final ServerMetrics metrics;

    RunsApi(JournalStore store, Engine engine, Interventions interventions, Drives drives, RunbookDirectory runbooks,
            Clock clock, long maxBody, ServerMetrics metrics) {
        this.metrics = metrics;
        this.store = store;
        this.engine = engine;
        this.interventions = interventions;
        this.drives = drives;
        this.runbooks = runbooks;
        this.clock = clock;
        this.maxBody = maxBody;
    }

    /**
     * A page of the history. Clients page either by {@code offset} or, exactly while runs keep
     * starting, by {@code after}: the last run of the previous page ({@code next_after}).
     */
    void history(Context ctx) {
        int limit = intParam(ctx, "limit", 50, 1, MAX_PAGE);
        int offset = intParam(ctx, "offset", 0, 0, Integer.MAX_VALUE - MAX_PAGE - 1);
        String after = ctx.queryParam("after");
        if (after != null) {
            if (ctx.queryParam("offset") != null) throw ApiError.invalidRequest("page by \"offset\" or by \"after\", not both");
            if (store.summary(after).isEmpty()) throw ApiError.invalidRequest("\"after\" names no run: \"" + after + "\"");
        }
        // One more than the page, to tell the client whether there is a next one.
        List<RunSummary> rows = store.list(limit + 1, offset, after);
        boolean more = rows.size() > limit;
        List<Map<String, Object>> page = rows.stream().limit(limit).map(RunDocument::historyRow).toList();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("runs", page);
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("next_offset", more && after == null ? offset + limit : null);
        body.put("next_after", more ? rows.get(limit - 1).id() : null);
        body.put("total", store.countRuns());
        ApiJson.respond(ctx, 200, body);
    }

    void start(Context ctx) {
        ObjectNode body = ApiJson.body(ctx, maxBody);
        Path file = runbooks.resolve(ApiJson.text(body, "runbook"));
        Map<String, String> vars = vars(body.get("vars"));
        Identity who = Access.identity(ctx);
        Runbook rb = RunbookLoader.load(file);
        if (rb.hasErrors()) {
            throw ApiError.invalidRunbook(rb.diagnostics().stream().filter(Diagnostic::isError)
                    .map(d -> relative(d.format())).collect(Collectors.joining("\n")));
        }
        BindResult bound = Binder.bind(rb, vars, System.getenv(), true);
        if (!bound.ok()) {
            throw ApiError.invalidRequest(bound.errors().stream().map(d -> relative(d.format())).collect(Collectors.joining("\n")));
        }
        RunStarted started = RunStarts.event(rb, bound.plan(), who.name(), Map.of(ORIGIN, SERVER));
        String runId = RunStarts.newRunId(clock);
        Plan plan = Plans.of(started, true);
        try {
            engine.start(runId, RunStarts.lockKey(started), started, plan);
        } catch (LockedException locked) {
            throw ApiError.locked(locked.getMessage());
        }
        metrics.runStarted();
        drives.launch(runId, plan);
        ctx.header("Location", "/api/runs/" + runId);
        ApiJson.respond(ctx, 201, view(runId));
    }

    void show(Context ctx) {
        // view() answers 404 itself: one read of the run's row, not two
        ApiJson.respond(ctx, 200, view(ctx.pathParam("id")));
    }

    void approve(Context ctx) {
        intervene(ctx, (runId, who, body) -> interventions.approve(runId, who, ApiJson.text(body, "comment")));
    }

    void reject(Context ctx) {
        intervene(ctx, (runId, who, body) -> interventions.reject(runId, who, ApiJson.text(body, "comment")));
    }

    void confirm(Context ctx) {
        intervene(ctx, (runId, who, body) -> interventions.confirm(runId, who, ApiJson.text(body, "comment")));
    }

    void decide(Context ctx) {
        intervene(ctx, (runId, who, body) -> {
            String choice = ApiJson.text(body, "choice");
            if (choice == null) throw ApiError.invalidRequest("\"choice\" is required: retry, skip, rollback or abort");
            Decision decision;
            try {
                decision = Decision.valueOf(choice.toUpperCase());
            } catch (IllegalArgumentException e) {
                throw ApiError.invalidRequest("unknown choice \"" + choice + "\" (choose retry, skip, rollback or abort)");
            }
            return interventions.decide(runId, who, decision, ApiJson.text(body, "reason"));
        });
    }

    void rollback(Context ctx) {
        intervene(ctx, (runId, who, body) -> interventions.requestRollback(runId, who, ApiJson.text(body, "reason")));
    }

    /**
     * Continues a run nobody drives (left by a stopped server, a crashed CLI, {@code --no-wait}).
     * A run already driven, here or by a live process elsewhere, is refused rather than shared.
     */
    void resume(Context ctx) {
        ApiJson.body(ctx, maxBody);
        String runId = existingRun(ctx);
        RunSummary summary = store.summary(runId).orElseThrow();
        RunState state = RunState.fold(runId, store.load(runId));
        if (summary.status().isTerminal() && !state.rollbackPending()) {
            throw ApiError.refused("run " + runId + " is " + summary.status().label() + "; there is nothing to resume");
        }
        if (drives.drives(runId)) throw ApiError.refused("run " + runId + " is already driven by this server");
        var owner = store.owner(runId);
        if (owner.isPresent() && !RunOwner.isGone(owner.get())) {
            throw ApiError.refused("run " + runId + " is driven by process " + owner.get());
        }
        drives.launch(runId, Plans.of(state.start(), true), Access.identity(ctx).name());
        ApiJson.respond(ctx, 202, view(runId));
    }

    void logs(Context ctx) {
        String runId = existingRun(ctx);
        String step = ctx.queryParam("step");
        if (step != null && store.steps(runId).stream().noneMatch(s -> s.row().id().equals(step))) {
            throw ApiError.invalidRequest("run " + runId + " has no step \"" + step + "\"");
        }
        long after = intParam(ctx, "after", 0, 0, Integer.MAX_VALUE);
        int limit = intParam(ctx, "limit", 1000, 1, 10_000);
        // The journal before the output: an attempt it shows ended has all its output stored.
        List<Map<String, Object>> attempts = new ArrayList<>();
        for (StepAttempt a : StepAttempt.of(store.load(runId, StepAttempt.TYPES))) {
            if (step != null && !a.step().equals(step)) continue;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", a.step());
            row.put("attempt", a.attempt());
            row.put("started_at", a.startedAt());
            row.put("outcome", a.outcome());
            attempts.add(row);
        }
        List<OutputChunk> all = store.output(runId, step, after);
        List<Map<String, Object>> chunks = new ArrayList<>();
        for (OutputChunk c : all.subList(0, Math.min(limit, all.size()))) chunks.add(RunEvents.chunk(c));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run", runId);
        body.put("chunks", chunks);
        body.put("attempts", attempts);
        // The cursor for the next page: pass it back as ?after= (also how a client follows a live run).
        body.put("next_after", all.size() > limit ? all.get(limit - 1).id() : null);
        ApiJson.respond(ctx, 200, body);
    }

    void report(Context ctx) {
        String runId = existingRun(ctx);
        String format = ctx.queryParam("format") == null ? "md" : ctx.queryParam("format");
        RunState state = RunState.fold(runId, store.load(runId));
        Plan plan = Plans.of(state.start(), false);
        switch (format) {
            case "md", "markdown" -> ctx.status(200).contentType("text/markdown; charset=utf-8").result(ExecutedRunbook.markdown(state, plan));
            // The page carries its own styles and no script: its policy allows just that.
            case "html" -> ctx.status(200).contentType("text/html; charset=utf-8")
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
                    .header("X-Content-Type-Options", "nosniff").result(ReportHtml.page(state, plan));
            case "json" -> ApiJson.respond(ctx, 200, ExecutedRunbook.json(state, plan));
            default -> throw ApiError.invalidRequest("unknown report format \"" + format + "\" (use md, html or json)");
        }
    }

    /** {@code ?head=SEQ:HASH}: a head recorded earlier, which the journal must still hold. */
    void auditVerify(Context ctx) {
        String head = ctx.queryParam("head");
        AuditVerifier.Head recorded;
        try {
            recorded = head == null ? null : AuditVerifier.Head.parse(head);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidRequest("head: " + e.getMessage());
        }
        ApiJson.respond(ctx, 200, AuditVerifier.verify(store.auditSnapshot(), recorded).document());
    }

    void listRunbooks(Context ctx) {
        ApiJson.respond(ctx, 200, Map.of("runbooks", runbooks.list()));
    }

    private interface Intervention {
        StoredEvent act(String runId, Identity who, ObjectNode body);
    }

    private void intervene(Context ctx, Intervention action) {
        ObjectNode body = ApiJson.body(ctx, maxBody);
        String runId = existingRun(ctx);
        StoredEvent e = guard(() -> action.act(runId, Access.identity(ctx), body));
        drives.wake(runId);
        resumeIfUndriven(runId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("event", e.event().type());
        out.put("step", e.event().step());
        out.put("actor", e.actor());
        out.put("run", view(runId));
        ApiJson.respond(ctx, 200, out);
    }

    /**
     * An intervention on a run nobody drives (a failed run rolled back, a run left by a stopped
     * server) takes effect only when something drives it: for runs started through the API,
     * this server does. A run started from the CLI is left for {@code runway resume} (or an
     * explicit {@code POST …/resume}), as its owner expects.
     */
    private void resumeIfUndriven(String runId) {
        if (drives.drives(runId)) return;
        var owner = store.owner(runId);
        if (owner.isPresent() && !RunOwner.isGone(owner.get())) return;
        RunState state = RunState.fold(runId, store.load(runId));
        if (!SERVER.equals(state.start().options().get(ORIGIN))) return;
        List<StoredEvent> events = state.events();
        boolean rollbackAsked = !events.isEmpty() && events.getLast().event() instanceof RollbackRequested;
        if (state.status().isTerminal() && !rollbackAsked) return;
        drives.launch(runId, Plans.of(state.start(), true));
    }

    private static StoredEvent guard(Supplier<StoredEvent> action) {
        try {
            return action.get();
        } catch (Refusal r) {
            throw ApiError.refused(r.getMessage());
        }
    }

    String existingRun(Context ctx) {
        String runId = ctx.pathParam("id");
        if (store.summary(runId).isEmpty()) throw ApiError.runNotFound(runId);
        return runId;
    }

    Map<String, Object> view(String runId) {
        RunSummary run = store.summary(runId).orElseThrow(() -> ApiError.runNotFound(runId));
        return RunDocument.of(run, store.steps(runId), PeopleActs.of(store.load(runId, PeopleActs.TYPES), run.status()),
                store.monitors(runId), clock.instant());
    }


    private static Map<String, String> vars(JsonNode node) {
        Map<String, String> vars = new LinkedHashMap<>();
        if (node == null || node.isNull()) return vars;
        if (!node.isObject()) throw ApiError.invalidRequest("\"vars\" must be an object of names to values");
        for (var e : node.properties()) {
            JsonNode v = e.getValue();
            if (!v.isValueNode() || v.isNull()) {
                throw ApiError.invalidRequest("variable \"" + e.getKey() + "\" must be a string, number or boolean");
            }
            vars.put(e.getKey(), v.asText());
        }
        return vars;
    }

    private String relative(String diagnostic) {
        return diagnostic.replace(runbooks.root().toString() + "/", "");
    }



    private static int intParam(Context ctx, String name, int fallback, int min, int max) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) return fallback;
        try {
            int v = Integer.parseInt(raw.strip());
            if (v < min || v > max) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw ApiError.invalidRequest("\"" + name + "\" must be a whole number from " + min + " to " + max);
        }
    }
}
