package dev.runway.plan;

import dev.runway.runbook.Action;
import dev.runway.runbook.Diagnostic;
import dev.runway.runbook.FrontMatter;
import dev.runway.runbook.Placeholders;
import dev.runway.runbook.Runbook;
import dev.runway.runbook.Step;
import dev.runway.verify.ExpectedOutput;
import dev.runway.verify.OutputExpectation;
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
    private static final String MASK = "***";

    private Binder() {}

    public static BindResult bind(Runbook runbook, Map<String, String> vars, Map<String, String> processEnv, boolean strict) {
        FrontMatter front = runbook.front();
        List<Diagnostic> errors = new ArrayList<>();
        Locator at = new Locator(runbook);
        if (strict) {
            for (String name : new TreeMap<>(vars).keySet()) {
                if (!front.vars().containsKey(name)) {
                    String declared = front.vars().isEmpty() ? "none" : String.join(", ", front.vars().keySet());
                    errors.add(at.error("unknown-variable", null, "unknown variable \"" + name + "\" (declared: " + declared + ")"));
                }
            }
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (FrontMatter.VarSpec spec : front.vars().values()) {
            String value = vars.containsKey(spec.name()) ? vars.get(spec.name()) : spec.defaultValue();
            if (value == null) {
                if (strict && spec.required()) {
                    errors.add(at.error("missing-variable", spec.name(), "missing required variable \"" + spec.name()
                            + "\" (pass --var " + spec.name() + "=…)"));
                } else if (strict) {
                    values.put(spec.name(), "");
                }
                continue;
            }
            if (strict && value.indexOf('\0') >= 0) {
                errors.add(at.error("nul-in-value", spec.name(), "variable \"" + spec.name() + "\" contains a NUL character"));
                continue;
            }
            if (strict && spec.pattern() != null && !Pattern.compile(spec.pattern()).matcher(value).matches()) {
                errors.add(at.error("pattern-mismatch", spec.name(), "variable \"" + spec.name() + "\" = \"" + value
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
                secrets.put(name, value);
            }
        }
        Bindings bindings = new Bindings(values, secrets);
        List<PlannedStep> steps = new ArrayList<>();
        for (Step step : runbook.steps()) {
            steps.add(planned(step, front, values, secrets));
        }
        if (strict && errors.isEmpty()) {
            errors.addAll(ObserveCheck.check(runbook, values));
        }
        return new BindResult(new Plan(runbook, bindings, List.copyOf(steps)), List.copyOf(errors));
    }

    private static PlannedStep planned(Step step, FrontMatter front, Map<String, String> values, Map<String, String> secrets) {
        Texts t = new Texts(front, values, secrets);
        return switch (step.action()) {
            case Action.Shell s -> {
                ExpectedOutput expected = s.expected() == null ? null
                        : OutputExpectation.compile(s.expected().lines(), values, secrets);
                yield new PlannedStep(step, new Action.Shell(t.shell(s.script()), s.scriptLine(), s.expected()),
                        t.display(s.script()), expected);
            }
            case Action.Check c -> new PlannedStep(step, new Action.Check(t.display(c.text()), t.shell(c.command())),
                    t.display(c.command()), null);
            case Action.Manual m -> new PlannedStep(step,
                    new Action.Manual(t.display(m.text()), m.details().stream().map(t::display).toList()), null, null);
            case Action.Gate g -> new PlannedStep(step, new Action.Gate(g.policy(), t.display(g.text())), null, null);
            case Action.Http h -> {
                Map<String, String> headers = new LinkedHashMap<>();
                h.headers().forEach((k, v) -> headers.put(k, t.value(v)));
                Map<String, String> json = new LinkedHashMap<>();
                h.expect().json().forEach((k, v) -> json.put(k, t.value(v)));
                Action.HttpExpectation e = new Action.HttpExpectation(h.expect().status(), json, h.expect().within(),
                        t.value(h.expect().contains()));
                String url = absolute(t.value(h.url()), values.get("base_url"));
                yield new PlannedStep(step, new Action.Http(h.method(), url, headers, t.value(h.body()), e,
                        h.severity()), h.method() + " " + absolute(t.display(h.url()), values.get("base_url")), null);
            }
            case Action.Wait w -> new PlannedStep(step, w, null, null);
            case Action.Observe o -> new PlannedStep(step, o, null, null);
        };
    }

    /** Smoke tables write {@code GET /health}: such paths are relative to the {@code base_url} variable. */
    static String absolute(String url, String baseUrl) {
        if (url == null || !url.startsWith("/") || baseUrl == null || baseUrl.isBlank()) return url;
        return baseUrl.replaceAll("/+$", "") + url;
    }

    /** The three ways a text is bound. */
    private record Texts(FrontMatter front, Map<String, String> values, Map<String, String> secrets) {
        /** For people: values filled in, secrets masked, unbound names left as {name}. */
        String display(String text) {
            return Placeholders.substitute(text, n -> secrets.containsKey(n) ? MASK : values.get(n));
        }

        /** For requests: real values, secrets included (an Authorization header needs the token). */
        String value(String text) {
            return Placeholders.substitute(text, n -> secrets.containsKey(n) ? secrets.get(n) : values.get(n));
        }

        /** For shells: environment references, never values. */
        String shell(String script) {
            return ShellTemplate.render(script, n -> front.secrets().contains(n) ? n : Bindings.envName(n));
        }
    }

    /**
     * Binding errors point at the declaration in the front matter (a missing variable is fixed
     * there or on the command line); an unknown {@code --var} points at the top of the file.
     */
    private record Locator(Runbook runbook) {
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
