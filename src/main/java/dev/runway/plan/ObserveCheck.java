package dev.runway.plan;

import dev.runway.runbook.Action;
import dev.runway.runbook.Diagnostic;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.Step;
import dev.runway.verify.Monitors;
import dev.runway.verify.Rule;
import dev.runway.verify.RuleParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks what observe steps will watch before a run starts: each rule parses, names a declared
 * monitor and a field it gives, and every monitor binds to the run's variables. A mistake here
 * would otherwise surface only when the window opens, after the change it was meant to watch.
 */
public final class ObserveCheck {

    private ObserveCheck() {}

    static List<Diagnostic> check(Runbook runbook, Map<String, String> values) {
        return check(runbook, Monitors.read(runbook.front().extra().get("monitors"), values));
    }

    /** For {@code lint}: the same checks, except those that depend on the variables' values. */
    public static List<Diagnostic> lint(Runbook runbook) {
        return check(runbook, Monitors.declared(runbook.front().extra().get("monitors")));
    }

    private static List<Diagnostic> check(Runbook runbook, Monitors.Declared declared) {
        List<Step> observes = runbook.steps().stream().filter(s -> s.action() instanceof Action.Observe).toList();
        Map<String, Object> extra = runbook.front().extra();
        // Triggers are armed while ordinary steps run too, so they are checked without any observe step.
        if (observes.isEmpty() && extra.get("triggers") == null) return List.of();
        List<Diagnostic> out = new ArrayList<>();
        int monitorsLine = lineOf(runbook, "monitors:");
        for (String e : declared.errors()) out.add(error(runbook, monitorsLine, e));
        Object triggers = extra.get("triggers");
        int triggersLine = lineOf(runbook, "triggers:");
        if (triggers instanceof List<?> list) {
            for (Object t : list) {
                String problem = problem(String.valueOf(t), declared);
                if (problem != null) out.add(error(runbook, triggersLine, "trigger: " + problem));
            }
        } else if (triggers != null) {
            out.add(error(runbook, triggersLine, "triggers: must be a list of rules, e.g. [health.error_rate > 1% for 2m]"));
        }
        for (Step step : observes) {
            Set<String> seen = new LinkedHashSet<>();
            for (String rule : ((Action.Observe) step.action()).rules()) {
                String problem = problem(rule, declared);
                if (problem != null && seen.add(problem)) {
                    out.add(new Diagnostic(Diagnostic.Severity.ERROR, "observe", runbook.file(), step.line(), step.column(),
                            "step \"" + step.id() + "\": " + problem));
                }
            }
        }
        return out;
    }

    private static String problem(String text, Monitors.Declared declared) {
        try {
            Rule rule = RuleParser.parse(text);
            return Monitors.problem(rule, declared.specs());
        } catch (RuleParser.BadRule e) {
            return e.getMessage();
        }
    }

    private static Diagnostic error(Runbook runbook, int line, String message) {
        return new Diagnostic(Diagnostic.Severity.ERROR, "observe", runbook.file(), line, 1, message);
    }

    private static int lineOf(Runbook runbook, String key) {
        if (runbook.source() == null) return 1;
        String[] lines = runbook.source().split("\n", -1);
        for (int k = 0; k < lines.length; k++) {
            if (lines[k].startsWith(key)) return k + 1;
        }
        return 1;
    }
}
