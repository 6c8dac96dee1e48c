package dev.runway.plan;

import dev.runway.runbook.Action;
import dev.runway.runbook.Expectation;
import dev.runway.runbook.FrontMatter;
import dev.runway.runbook.Placeholders;
import dev.runway.runbook.Step;
import dev.runway.verify.ExpectedOutput;
import dev.runway.verify.OutputExpectation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Binds one step three ways: real values for requests, environment references for shells, and
 * for people the texts with secrets masked. Each shown text is made from the step's own
 * placeholders, never from a bound text, so masking cannot be forgotten for a field.
 */
final class StepBinder {
    private final FrontMatter front;
    private final Bindings bindings;

    StepBinder(FrontMatter front, Bindings bindings) {
        this.front = front;
        this.bindings = bindings;
    }

    PlannedStep bind(Step step) {
        String title = bindings.display(step.title());
        return switch (step.action()) {
            case Action.Shell s -> {
                ExpectedOutput expected = s.expected() == null ? null
                        : OutputExpectation.compile(s.expected().lines(), bindings.values(), bindings.secrets());
                Command c = command(s.script());
                Action.Shell bound = new Action.Shell(c.script(), s.scriptLine(), s.expected());
                Expectation shownExpected = s.expected() == null ? null
                        : new Expectation(s.expected().lines().stream().map(bindings::display).toList(), s.expected().line());
                yield new PlannedStep(step, bound, expected, new PlannedStep.Shown(title,
                        new Action.Shell(c.script(), s.scriptLine(), shownExpected), c.script(), c.env()));
            }
            case Action.Check ch -> {
                Command c = command(ch.command());
                yield new PlannedStep(step, new Action.Check(bindings.display(ch.text()), c.script()), null,
                        new PlannedStep.Shown(title, new Action.Check(bindings.display(ch.text()), c.script()), c.script(), c.env()));
            }
            case Action.Manual m -> {
                Action.Manual shown = new Action.Manual(bindings.display(m.text()), m.details().stream().map(bindings::display).toList());
                yield new PlannedStep(step, shown, null, new PlannedStep.Shown(title, shown, null, Map.of()));
            }
            case Action.Gate g -> {
                Action.Gate shown = new Action.Gate(g.policy(), bindings.display(g.text()));
                yield new PlannedStep(step, shown, null, new PlannedStep.Shown(title, shown, null, Map.of()));
            }
            case Action.Http h -> {
                Action.Http bound = http(h, this::value);
                Action.Http shown = http(h, bindings::display);
                yield new PlannedStep(step, bound, null,
                        new PlannedStep.Shown(title, shown, shown.method() + " " + shown.url(), Map.of()));
            }
            case Action.Wait w -> new PlannedStep(step, w, null, new PlannedStep.Shown(title, w, null, Map.of()));
            case Action.Observe o -> new PlannedStep(step, o, null, new PlannedStep.Shown(title, o, null, Map.of()));
        };
    }

    private static Action.Http http(Action.Http h, java.util.function.UnaryOperator<String> text) {
        Map<String, String> headers = new LinkedHashMap<>();
        h.headers().forEach((k, v) -> headers.put(k, text.apply(v)));
        Map<String, String> json = new LinkedHashMap<>();
        h.expect().json().forEach((k, v) -> json.put(k, text.apply(v)));
        Action.HttpExpectation e = new Action.HttpExpectation(h.expect().status(), json, h.expect().within(),
                text.apply(h.expect().contains()));
        return new Action.Http(h.method(), absolute(text.apply(h.url()), text.apply("{base_url}")), headers,
                text.apply(h.body()), e, h.severity());
    }

    /** Smoke tables write {@code GET /health}: such paths are relative to the {@code base_url} variable. */
    static String absolute(String url, String baseUrl) {
        if (url == null || !url.startsWith("/") || baseUrl == null || baseUrl.isBlank() || baseUrl.equals("{base_url}")) return url;
        return baseUrl.replaceAll("/+$", "") + url;
    }

    /** For requests: real values, secrets included (an Authorization header needs the token). */
    private String value(String text) {
        return Placeholders.substitute(text, n -> bindings.secrets().containsKey(n) ? bindings.secrets().get(n) : bindings.values().get(n));
    }

    /** A script as the shell receives it, and the environment variables it reads. */
    private record Command(String script, Map<String, String> env) {}

    private Command command(String script) {
        Set<String> used = new LinkedHashSet<>();
        String rendered = ShellTemplate.render(script, n -> {
            used.add(n);
            return envName(n);
        });
        Map<String, String> env = new LinkedHashMap<>();
        for (String n : used) {
            boolean secret = front.secrets().contains(n);
            env.put(envName(n), secret ? (bindings.secrets().containsKey(n) ? Bindings.MASK : null) : bindings.values().get(n));
        }
        return new Command(rendered, Collections.unmodifiableMap(env));
    }

    private String envName(String variable) {
        return front.secrets().contains(variable) ? variable : Bindings.envName(variable);
    }
}
