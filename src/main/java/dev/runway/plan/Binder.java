package dev.runway.plan;

import dev.runway.runbook.Diagnostic;
import dev.runway.runbook.FrontMatter;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a runbook's variables and secrets into a {@link Plan}.
 *
 * <p>Strict binding (for {@code run}) reports every problem that would make the run wrong before
 * it starts: unknown {@code --var}, missing required variables, values that fail their pattern
 * or contain NUL, secrets absent from the environment. Lenient binding (for {@code plan})
 * reports nothing and leaves unbound variables visible as {@code {name}}.
 *
 * <pre>{@code
 * BindResult r = Binder.bind(runbook, Map.of("version", "1.2.3"), System.getenv(), true);
 * if (!r.ok()) r.errors().forEach(d -> System.err.println(d.format()));
 * }</pre>
 */
public final class Binder {
    private Binder() {}

    public static BindResult bind(Runbook runbook, Map<String, String> vars, Map<String, String> processEnv, boolean strict) {
        FrontMatter front = runbook.front();
        List<Diagnostic> errors = new ArrayList<>();
        Locator at = new Locator(runbook);
        if (strict) {
            for (String name : new TreeMap<>(vars).keySet()) {
                if (!front.vars().containsKey(name)) {
                    String declared = front.vars().isEmpty() ? "none" : String.join(", ", front.vars().keySet());
                    errors.add(at.error("unknown-variable", (String) null, "unknown variable \"" + name + "\" (declared: " + declared + ")"));
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (FrontMatter.VarSpec spec : front.vars().values()) {
            String value = vars.containsKey(spec.name()) ? vars.get(spec.name()) : spec.defaultValue();
            if (value == null) {
                if (strict && spec.required()) {
                    errors.add(at.error("missing-variable", spec, "missing required variable \"" + spec.name()
                            + "\" (pass --var " + spec.name() + "=…)"));
                } else if (strict) {
                    values.put(spec.name(), "");
                }
                continue;
            }
            if (strict && value.indexOf('\0') >= 0) {
                errors.add(at.error("nul-in-value", spec, "variable \"" + spec.name() + "\" contains a NUL character"));
                continue;
            }
            if (strict && spec.pattern() != null && !Pattern.compile(spec.pattern()).matcher(value).matches()) {
                errors.add(at.error("pattern-mismatch", spec, "variable \"" + spec.name() + "\" = \"" + value
                        + "\" does not match pattern " + spec.pattern()));
            }
            values.put(spec.name(), value);
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String name : front.secrets()) {
            String value = processEnv.get(name);
            if (value == null) {
                if (strict) {
                    errors.add(at.error("missing-secret", name, "secret \"" + name + "\" is not set in the environment"));
                }
            } else {
                if (strict && value.length() < Bindings.SHORTEST_MASKED_SECRET) {
                    // Masking one or two characters would garble every line and hide nothing, so such
                    // a value would show in output and reports: refuse it rather than leak it.
                    errors.add(at.error("short-secret", name, "secret \"" + name + "\" is "
                            + (value.isEmpty() ? "empty" : "only " + value.length() + " character" + (value.length() == 1 ? "" : "s") + " long")
                            + ": Runway masks secrets of " + Bindings.SHORTEST_MASKED_SECRET
                            + " characters or more, and a shorter one would appear in output and reports"));
                }
                secrets.put(name, value);
            }
        }
        Bindings bindings = new Bindings(values, secrets);
        StepBinder binder = new StepBinder(front, bindings);
        List<PlannedStep> steps = new ArrayList<>();
        for (Step step : runbook.steps()) {
            steps.add(binder.bind(step));
        }
        if (strict && errors.isEmpty()) {
            errors.addAll(ObserveCheck.check(runbook, values));
        }
        return new BindResult(new Plan(runbook, bindings, List.copyOf(steps)), List.copyOf(errors));
    }

    /**
     * Binding errors point at the declaration (a missing variable is fixed there or on the
     * command line): a variable's key in the front matter, or the first use of one declared by
     * use, exactly where lint reports it; a secret's name in the front matter; an unknown
     * {@code --var} the top of the file.
     */
    private record Locator(Runbook runbook) {
        /** At the variable's declaration, which for a variable declared by use is its first {@code {name}}. */
        Diagnostic error(String code, FrontMatter.VarSpec spec, String message) {
            return new Diagnostic(Diagnostic.Severity.ERROR, code, runbook.file(), Math.max(1, spec.line()),
                    Math.max(1, spec.column()), message);
        }

        Diagnostic error(String code, String name, String message) {
            int line = 1;
            int column = 1;
            if (name != null && runbook.source() != null) {
                Pattern p = Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(name) + "(?![A-Za-z0-9_.-])");
                String[] lines = runbook.source().split("\n", -1);
                for (int k = 0; k < lines.length; k++) {
                    Matcher m = p.matcher(lines[k]);
                    if (m.find()) {
                        line = k + 1;
                        column = m.start() + 1;
                        break;
                    }
                }
            }
            return new Diagnostic(Diagnostic.Severity.ERROR, code, runbook.file(), line, column, message);
        }
    }
}
