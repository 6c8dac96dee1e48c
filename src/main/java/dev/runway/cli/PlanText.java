package dev.runway.cli;

import dev.runway.engine.Durations;
import dev.runway.engine.RunStarts;
import dev.runway.plan.Plan;
import dev.runway.plan.PlannedStep;
import dev.runway.runbook.Action;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.Section;
import dev.runway.runbook.Step;
import dev.runway.runbook.StepPolicy;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code runway plan} for people. Like {@link PlanJson} it reads only each step's shown form,
 * so what it prints can be pasted into a review or a ticket without leaking a secret.
 */
final class PlanText {
    private static final int SHOWN_LINES = 12;
    /** Characters a shell takes literally in a word; anything else is quoted when a value is shown. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:@%+=,-]+");

    private final PrintStream out;

    PlanText(PrintStream out) {
        this.out = out;
    }

    void print(Plan plan) {
        Runbook rb = plan.runbook();
        out.println(RunStarts.runbookName(rb) + " (" + RunStarts.environmentOf(rb) + ") — " + rb.file());
        if (plan.title() != null && !plan.title().equals(RunStarts.runbookName(rb))) out.println("title: " + plan.title());
        if (!plan.bindings().values().isEmpty()) {
            out.println("variables: " + String.join(", ", plan.bindings().values().entrySet().stream()
                    .map(e -> e.getKey() + "=" + quoted(e.getValue())).toList()));
        }
        if (!rb.front().secrets().isEmpty()) out.println("secrets (from the environment): " + String.join(", ", rb.front().secrets()));
        PlanWatch watch = PlanWatch.of(plan);
        watching(plan, watch);
        steps(plan, "steps", plan.forward(), watch);
        steps(plan, "rollback plan (runs only on rollback)", plan.rollback(), watch);
        List<String> info = rb.sections().stream().filter(s -> s.role() == Section.Role.INFORMATIONAL).map(Section::title).toList();
        if (!info.isEmpty()) out.println("\nkept as information, not executed: " + String.join("; ", info));
        List<String> quiet = rb.sections().stream().filter(s -> s.role() == Section.Role.PHASE)
                .filter(s -> plan.steps().stream().noneMatch(p -> p.step().section().equals(s.title())))
                .map(Section::title).toList();
        if (!quiet.isEmpty()) out.println("notes only, nothing to execute: " + String.join("; ", quiet));
        if (!rb.warnings().isEmpty()) {
            out.println();
            rb.warnings().forEach(d -> out.println(d.format()));
        }
    }

    private void watching(Plan plan, PlanWatch watch) {
        if (!watch.monitors().isEmpty()) {
            out.println();
            out.println("monitors:");
            watch.monitors().forEach(m -> out.printf("  %-12s %s%n", m.name(), PlanWatch.describe(m, plan)));
        }
        if (!watch.triggers().isEmpty()) {
            out.println();
            out.println("triggers (one that fires rolls the release back):");
            watch.triggers().forEach(t -> out.println("  " + t));
            out.println("  " + watch.arming());
        } else if (watch.deadline() != null) {
            out.println();
            out.println("rollback_deadline: " + Durations.format(watch.deadline()) + " (no triggers to arm)");
        }
    }

    private void steps(Plan plan, String heading, List<PlannedStep> steps, PlanWatch watch) {
        out.println();
        out.println(heading + ":");
        if (steps.isEmpty()) {
            out.println("  (none)");
            return;
        }
        String section = null;
        int n = 0;
        for (PlannedStep p : steps) {
            Step s = p.step();
            if (!s.section().equals(section)) {
                section = s.section();
                out.println("  § " + section);
            }
            n++;
            out.printf("  %3d. %-7s %-40s line %d%s%n", n, s.kind(), s.id(), s.line(), flags(s.policy(), s.rollback()));
            out.println("       " + p.shown().title());
            if (watch.armsTriggers() && p == watch.armedFrom()) {
                out.println("       ▸ triggers armed from here until " + Durations.format(watch.deadline()) + " after this step starts");
            }
            action(p.shown(), watch, plan);
        }
    }

    private static String flags(StepPolicy policy, boolean rollback) {
        List<String> flags = new ArrayList<>();
        // Shown where it differs from the default: ask for forward steps, abort (the rollback fails) for rollback steps.
        StepPolicy.OnFailure usual = rollback ? StepPolicy.OnFailure.ABORT : StepPolicy.OnFailure.ASK;
        if (policy.onFailure() != usual) flags.add("on_failure " + policy.onFailure().label());
        if (policy.idempotent()) flags.add("idempotent");
        if (policy.timeout() != null) flags.add("timeout " + Durations.format(policy.timeout()));
        if (policy.retry().attempts() > 1) flags.add("retry " + policy.retry().attempts() + "×");
        return flags.isEmpty() ? "" : "  [" + String.join(", ", flags) + "]";
    }

    private void action(PlannedStep.Shown shown, PlanWatch watch, Plan plan) {
        switch (shown.action()) {
            case Action.Shell sh -> {
                command(shown);
                if (sh.expected() != null) out.println("       expects: " + String.join(" / ", sh.expected().lines()));
            }
            case Action.Check c -> command(shown);
            case Action.Http h -> {
                out.println("       " + shown.command() + " → " + h.expect().status()
                        + (h.severity() == null ? "" : "  (" + h.severity() + ")"));
                h.headers().forEach((k, v) -> out.println("       header " + k + ": " + v));
                if (h.body() != null) out.println("       body: " + h.body());
                h.expect().json().forEach((k, v) -> out.println("       expects json " + k + " = " + v));
                if (h.expect().contains() != null) out.println("       expects body to contain: " + h.expect().contains());
                if (h.expect().within() != null) out.println("       expects a response within " + Durations.format(h.expect().within()));
            }
            case Action.Manual m -> { }
            case Action.Gate g -> out.println("       approval: " + dev.runway.access.GatePolicies.describe(plan.runbook().front(), g.policy()));
            case Action.Wait w -> { }
            case Action.Observe o -> {
                List<String> watched = new ArrayList<>(o.rules());
                if (!watch.triggers().isEmpty()) watched.add("the runbook's triggers");
                out.println("       watches: " + (watched.isEmpty() ? "nothing (no rules and no triggers)" : String.join("; ", watched)));
            }
        }
    }

    /** The command as it runs, then what each variable it reads will hold. */
    private void command(PlannedStep.Shown shown) {
        List<String> lines = shown.command().lines().toList();
        lines.stream().limit(SHOWN_LINES).forEach(l -> out.println("       $ " + l));
        if (lines.size() > SHOWN_LINES) out.println("       … " + (lines.size() - SHOWN_LINES) + " more lines");
        String lead = "       with ";
        for (Map.Entry<String, String> e : shown.env().entrySet()) {
            out.println(lead + e.getKey() + (e.getValue() == null ? " unset" : "=" + quoted(e.getValue())));
            lead = "            ";
        }
    }

    /** A value as a shell would need it typed, so a reviewer sees exactly one word of data. */
    static String quoted(String value) {
        if (value.equals(dev.runway.plan.Bindings.MASK) || PLAIN_WORD.matcher(value).matches()) return value;
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
