package dev.runway.engine.step;

import dev.runway.runbook.Action;
import dev.runway.verify.Monitors;
import dev.runway.verify.Rule;
import dev.runway.verify.RuleParser;
import dev.runway.verify.Verdicts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Watches an observation window: each monitor the step's rules and the runbook's
 * {@code triggers:} read is sampled at its own interval on a virtual thread, every sample is
 * fed to the rules at once, and a status line goes to the live view each second. The step
 * fails as soon as a rule fires (so detection lags its {@code for} window by at most one sample
 * interval) or a monitor stays unreadable for its {@code unreadable_after} samples in a row; it
 * succeeds only when the window ends with every rule having been able to decide and none fired.
 */
public final class ObserveExecutor implements StepExecutor {
    private static final String VAR_PREFIX = "RUNWAY_VAR_";

    private final Clock clock;

    public ObserveExecutor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public StepOutcome execute(StepContext ctx) throws InterruptedException {
        Action.Observe observe = (Action.Observe) ctx.step().bound();
        Map<String, String> vars = vars(ctx.environment());
        Map<String, Object> extra = ctx.front() == null ? Map.of() : ctx.front().extra();
        Monitors.Declared declared = Monitors.read(extra.get("monitors"), vars);
        List<String> problems = new ArrayList<>(declared.errors());
        List<String> texts = new ArrayList<>(observe.rules());
        Object triggers = extra.get("triggers");
        // While the run's armed triggers watch them, the window leaves them out: one trigger, one streak.
        boolean armedElsewhere = ctx.board().triggersArmed();
        if (!armedElsewhere && triggers instanceof List<?> list) {
            list.forEach(t -> texts.add(String.valueOf(t)));
        } else if (!armedElsewhere && triggers != null) {
            problems.add("triggers: must be a list of rules, e.g. [health.error_rate > 1% for 2m]");
        }
        List<Rule> rules = new ArrayList<>();
        for (String text : new LinkedHashSet<>(texts)) {
            try {
                Rule rule = RuleParser.parse(text);
                String problem = Monitors.problem(rule, declared.specs());
                if (problem != null) problems.add(problem); else rules.add(rule);
            } catch (RuleParser.BadRule e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return new StepOutcome.Failed(String.join("; ", problems), "");
        }
        if (rules.isEmpty() && armedElsewhere) {
            return quietWindow(ctx, observe);
        }
        if (rules.isEmpty()) {
            return new StepOutcome.Failed("observe step has no rules and the runbook no triggers, so there is nothing to "
                    + "watch; add e.g. rules: [health.error_rate > 1% for 2m]", "");
        }
        return new ObservationWindow(clock, ctx, observe.window(), rules, declared.specs()).watch();
    }

    /** The run's variables by name, from the step environment ({@code RUNWAY_VAR_name}). */
    static Map<String, String> vars(Map<String, String> environment) {
        Map<String, String> vars = new LinkedHashMap<>();
        environment.forEach((k, v) -> {
            if (k.startsWith(VAR_PREFIX)) vars.put(k.substring(VAR_PREFIX.length()), v);
        });
        return vars;
    }

    /** A window with no rules of its own while the armed triggers watch the runbook's: it only lets time pass. */
    private StepOutcome quietWindow(StepContext ctx, Action.Observe observe) throws InterruptedException {
        String line = "observing the runbook's triggers (armed for the whole release) for " + Verdicts.span(observe.window()) + "\n";
        ctx.sink().accept(line);
        Thread.sleep(observe.window().toMillis());
        return new StepOutcome.Succeeded("no trigger fired in " + Verdicts.span(observe.window()), line);
    }
}
