package dev.runway.cli;

import dev.runway.engine.Durations;
import dev.runway.engine.RunStarts;
import dev.runway.plan.BindResult;
import dev.runway.plan.Binder;
import dev.runway.plan.Plan;
import dev.runway.plan.PlannedStep;
import dev.runway.runbook.Action;
import dev.runway.runbook.Diagnostic;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.Section;
import dev.runway.runbook.Step;
import dev.runway.runbook.StepPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "plan", mixinStandardHelpOptions = true,
        description = "Show exactly how a runbook will run: every step, its kind, line, command and policy.")
final class PlanCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "FILE")
    Path file;

    @Option(names = "--var", paramLabel = "NAME=VALUE", description = "Bind a variable (repeatable).")
    List<String> vars;

    @Option(names = "--json", description = "Print the plan as JSON.")
    boolean json;

    @Override
    int execute(Workspace ws) {
        Optional<Runbook> loaded = RunbookInput.load(file, err());
        if (loaded.isEmpty()) return ExitCodes.INVALID;
        Runbook rb = loaded.get();
        Map<String, String> given = VarOptions.parse(vars);
        BindResult bound = Binder.bind(rb, given, System.getenv(), false);
        // Values given on the command line must be right even for a preview.
        List<Diagnostic> problems = given.isEmpty() ? List.of() : Binder.bind(rb, given, System.getenv(), true).errors()
                .stream().filter(d -> !d.code().equals("missing-variable") && !d.code().equals("missing-secret")).toList();
        if (!problems.isEmpty()) {
            problems.forEach(d -> err().println(d.format()));
            return ExitCodes.INVALID;
        }
        Plan plan = bound.plan();
        if (json) {
            out().println(Json.write(toJson(plan)));
        } else {
            printText(plan);
        }
        return ExitCodes.OK;
    }

    static Map<String, Object> toJson(Plan plan) {
        Runbook rb = plan.runbook();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runbook", RunStarts.runbookName(rb));
        m.put("title", rb.title());
        m.put("file", rb.file());
        m.put("environment", RunStarts.environmentOf(rb));
        m.put("vars", plan.bindings().values());
        m.put("secrets", rb.front().secrets());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (PlannedStep p : plan.steps()) steps.add(stepJson(p));
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

    private static Map<String, Object> stepJson(PlannedStep p) {
        Step s = p.step();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", s.id());
        row.put("section", s.section());
        row.put("title", s.title());
        row.put("kind", s.kind());
        row.put("line", s.line());
        row.put("rollback", s.rollback());
        if (p.display() != null) row.put("command", p.display());
        switch (p.bound()) {
            case Action.Shell sh -> {
                if (sh.expected() != null) row.put("expect", sh.expected().lines());
            }
            case Action.Check c -> { }
            case Action.Manual m -> { if (!m.details().isEmpty()) row.put("details", m.details()); }
            case Action.Gate g -> row.put("gate", g.policy());
            case Action.Wait w -> row.put("wait", Durations.format(w.duration()));
            case Action.Http h -> {
                row.put("request", h.method() + " " + h.url());
                if (h.expect() != null) row.put("expect_status", h.expect().status());
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
        if (!s.notes().isEmpty()) row.put("notes", s.notes());
        return row;
    }

    private void printText(Plan plan) {
        Runbook rb = plan.runbook();
        out().println(RunStarts.runbookName(rb) + " (" + RunStarts.environmentOf(rb) + ") — " + rb.file());
        if (!plan.bindings().values().isEmpty()) {
            out().println("variables: " + String.join(", ", plan.bindings().values().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        if (!rb.front().secrets().isEmpty()) out().println("secrets (from the environment): " + String.join(", ", rb.front().secrets()));
        printSteps("steps", plan.forward());
        printSteps("rollback plan (runs only on rollback)", plan.rollback());
        List<String> info = rb.sections().stream().filter(s -> s.role() == Section.Role.INFORMATIONAL).map(Section::title).toList();
        if (!info.isEmpty()) out().println("\nkept as information, not executed: " + String.join("; ", info));
        List<String> quiet = rb.sections().stream().filter(s -> s.role() == Section.Role.PHASE)
                .filter(s -> plan.steps().stream().noneMatch(p -> p.step().section().equals(s.title())))
                .map(Section::title).toList();
        if (!quiet.isEmpty()) out().println("notes only, nothing to execute: " + String.join("; ", quiet));
        if (!rb.warnings().isEmpty()) {
            out().println();
            rb.warnings().forEach(d -> out().println(d.format()));
        }
    }

    private void printSteps(String heading, List<PlannedStep> steps) {
        out().println();
        out().println(heading + ":");
        if (steps.isEmpty()) {
            out().println("  (none)");
            return;
        }
        String section = null;
        int n = 0;
        for (PlannedStep p : steps) {
            Step s = p.step();
            if (!s.section().equals(section)) {
                section = s.section();
                out().println("  § " + section);
            }
            n++;
            StepPolicy policy = s.policy();
            List<String> flags = new ArrayList<>();
            if (policy.onFailure() != StepPolicy.OnFailure.ASK) flags.add("on_failure " + policy.onFailure().label());
            if (policy.idempotent()) flags.add("idempotent");
            if (policy.timeout() != null) flags.add("timeout " + Durations.format(policy.timeout()));
            if (policy.retry().attempts() > 1) flags.add("retry " + policy.retry().attempts() + "×");
            out().printf("  %3d. %-7s %-40s line %d%s%n", n, s.kind(), s.id(), s.line(),
                    flags.isEmpty() ? "" : "  [" + String.join(", ", flags) + "]");
            out().println("       " + s.title());
            if (p.display() != null && !(p.bound() instanceof Action.Manual)) {
                p.display().lines().limit(12).forEach(l -> out().println("       $ " + l));
                long more = p.display().lines().count() - 12;
                if (more > 0) out().println("       … " + more + " more lines");
            }
            if (p.bound() instanceof Action.Shell sh && sh.expected() != null) {
                out().println("       expects: " + String.join(" / ", sh.expected().lines()));
            }
            if (p.bound() instanceof Action.Http h) {
                out().println("       " + h.method() + " " + h.url() + " → " + (h.expect() == null ? 200 : h.expect().status())
                        + (h.severity() == null ? "" : "  (" + h.severity() + ")"));
            }
        }
    }
}
