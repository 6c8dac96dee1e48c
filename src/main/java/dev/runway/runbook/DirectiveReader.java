package dev.runway.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@code ```runway} block (or one step of a YAML runbook) into a {@link Draft.Directive}.
 * At most one action key per block: a block is either a step of its own (wait, gate, http,
 * observe, manual) or policy for the commands of its group.
 */
final class DirectiveReader {
    static final Set<String> ACTIONS = Set.of("wait", "gate", "http", "observe", "manual");
    static final Set<String> POLICY = Set.of("id", "on_failure", "idempotent", "timeout", "retry");
    /** Keys that only make sense together with a particular action. */
    static final Map<String, String> DEPENDENT = Map.of("expect", "http", "headers", "http", "body", "http",
            "severity", "http", "rules", "observe");
    static final List<String> METHODS = List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Set<String> EXPECT_KEYS = Set.of("status", "json", "within", "contains");

    private final Problems problems;
    private final YamlValues values;

    DirectiveReader(Problems problems) {
        this.problems = problems;
        this.values = new YamlValues(problems);
    }

    static Set<String> directiveKeys() {
        Set<String> all = new java.util.TreeSet<>(ACTIONS);
        all.addAll(POLICY);
        all.addAll(DEPENDENT.keySet());
        return all;
    }

    /**
     * @param ignore keys the caller reads itself (a YAML runbook step's run/check/title …); they
     *               are neither reported as unknown nor interpreted here
     * @param what   "directive key" or "step key", for the unknown-key message
     */
    Draft.Directive read(YamlNode.Mapping m, Set<String> ignore, String what) {
        Set<String> known = new java.util.TreeSet<>(directiveKeys());
        known.addAll(ignore);
        List<YamlNode.Mapping.Entry> actions = new ArrayList<>();
        for (YamlNode.Mapping.Entry e : m.entries().values()) {
            if (!known.contains(e.key())) {
                values.unknownKey("unknown-key", e, what, "", known);
            } else if (ACTIONS.contains(e.key())) {
                actions.add(e);
            }
        }
        if (actions.size() > 1) {
            YamlNode.Mapping.Entry second = actions.get(1);
            problems.error("several-actions", second.line(), second.column(), "more than one action in one "
                    + (what.startsWith("step") ? "step" : "directive") + ": "
                    + String.join(", ", actions.stream().map(YamlNode.Mapping.Entry::key).toList()));
            return null;
        }
        YamlNode.Mapping.Entry action = actions.isEmpty() ? null : actions.get(0);
        for (var dep : DEPENDENT.entrySet()) {
            YamlNode.Mapping.Entry e = m.entries().get(dep.getKey());
            if (e != null && (action == null || !action.key().equals(dep.getValue())) && !ignore.contains(dep.getKey())) {
                problems.error("misplaced-key", e.line(), e.column(),
                        "\"" + dep.getKey() + "\" needs \"" + dep.getValue() + "\" in the same block");
            }
        }
        String id = null;
        int idLine = 0;
        int idColumn = 0;
        StepPolicy.OnFailure onFailure = null;
        Position onFailureAt = null;
        Boolean idempotent = null;
        Duration timeout = null;
        StepPolicy.Retry retry = null;
        for (YamlNode.Mapping.Entry e : m.entries().values()) {
            switch (e.key()) {
                case "id" -> {
                    id = values.text(e.value(), "id");
                    idLine = e.value().line();
                    idColumn = e.value().column();
                    if (id != null && !id.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
                        problems.error("invalid-id", idLine, idColumn, "invalid step id \"" + id
                                + "\" (use letters, digits, \".\", \"_\" and \"-\")");
                        id = null;
                    }
                }
                case "on_failure" -> {
                    onFailure = values.onFailure(e.value(), "on_failure");
                    onFailureAt = new Position(e.line(), e.column());
                }
                case "idempotent" -> idempotent = values.bool(e.value(), "idempotent");
                case "timeout" -> {
                    timeout = values.duration(e.value(), "timeout");
                    // A zero timeout passes a step that ends at once and fails any other: a race, not a limit.
                    if (timeout != null && timeout.isZero()) {
                        problems.error("invalid-duration", e.value().line(), e.value().column(),
                                "timeout must be longer than 0s (it would fail every step that takes any time at all)");
                        timeout = null;
                    }
                }
                case "retry" -> retry = retry(e.value());
                default -> { }
            }
        }
        Action a = null;
        String title = null;
        if (action != null) {
            YamlNode v = action.value();
            switch (action.key()) {
                case "wait" -> {
                    Duration d = values.duration(v, "wait");
                    a = d == null ? null : new Action.Wait(d);
                    title = "Wait " + textOf(v);
                }
                case "gate" -> {
                    String policy = values.text(v, "gate");
                    a = policy == null ? null : new Action.Gate(policy, "Approval required: " + policy);
                    title = "Gate: " + policy;
                }
                case "manual" -> {
                    String text = values.text(v, "manual");
                    a = text == null ? null : new Action.Manual(text, List.of());
                    title = text;
                }
                case "observe" -> {
                    Duration d = values.duration(v, "observe");
                    YamlNode.Mapping.Entry rules = m.entries().get("rules");
                    List<String> r = rules == null ? List.of() : values.texts(rules.value(), "rules");
                    a = d == null ? null : new Action.Observe(d, List.copyOf(r));
                    title = "Observe " + textOf(v);
                }
                case "http" -> {
                    a = http(v, m);
                    title = a == null ? null : ((Action.Http) a).method() + " " + ((Action.Http) a).url();
                }
                default -> throw new IllegalStateException(action.key());
            }
            if (a == null) {
                return null;
            }
        }
        Position actionAt = action == null ? null : new Position(action.value().line(), action.value().column());
        return new Draft.Directive(a, actionAt, title, id, idLine, idColumn, onFailure, onFailureAt, idempotent, timeout, retry);
    }

    private static String textOf(YamlNode v) {
        return v instanceof YamlNode.Scalar s && s.text() != null ? s.text() : "";
    }

    private StepPolicy.Retry retry(YamlNode v) {
        if (v instanceof YamlNode.Scalar) {
            Integer n = values.count(v, "retry", 1);
            return n == null ? null : new StepPolicy.Retry(n, Duration.ZERO);
        }
        YamlNode.Mapping m = values.mapping(v, "retry");
        if (m == null) {
            return null;
        }
        int attempts = 1;
        Duration delay = Duration.ZERO;
        boolean ok = true;
        for (YamlNode.Mapping.Entry e : m.entries().values()) {
            switch (e.key()) {
                case "attempts" -> {
                    Integer n = values.count(e.value(), "retry.attempts", 1);
                    ok &= n != null;
                    attempts = n == null ? attempts : n;
                }
                case "delay" -> {
                    Duration d = values.duration(e.value(), "retry.delay");
                    ok &= d != null;
                    delay = d == null ? delay : d;
                }
                default -> {
                    values.unknownKey("unknown-key", e, "key", " in \"retry\"", Set.of("attempts", "delay"));
                    ok = false;
                }
            }
        }
        return ok ? new StepPolicy.Retry(attempts, delay) : null;
    }

    private Action.Http http(YamlNode v, YamlNode.Mapping m) {
        String request = values.text(v, "http");
        if (request == null) {
            return null;
        }
        String[] parts = request.strip().split("\\s+", 2);
        if (parts.length < 2 || parts[1].isBlank()) {
            problems.error("invalid-http", v.line(), v.column(), "invalid value \"" + request
                    + "\" for \"http\" (use \"METHOD URL\", e.g. \"GET https://example.com/health\")");
            return null;
        }
        String method = parts[0];
        if (!METHODS.contains(method)) {
            problems.error("invalid-http", v.line(), v.column(), "invalid HTTP method \"" + method
                    + "\" for \"http\" (use " + String.join(", ", METHODS) + ")");
            return null;
        }
        Map<String, String> headers = Map.of();
        String body = null;
        String severity = null;
        int status = 200;
        Map<String, String> json = Map.of();
        Duration within = null;
        String contains = null;
        YamlNode.Mapping.Entry h = m.entries().get("headers");
        if (h != null) {
            headers = values.textMap(h.value(), "headers");
        }
        YamlNode.Mapping.Entry b = m.entries().get("body");
        if (b != null) {
            body = values.text(b.value(), "body");
        }
        YamlNode.Mapping.Entry s = m.entries().get("severity");
        if (s != null) {
            String t = values.text(s.value(), "severity");
            if (t != null) {
                severity = t.toLowerCase(Locale.ROOT);
                if (!severity.equals("critical") && !severity.equals("major")) {
                    problems.error("invalid-value", s.value().line(), s.value().column(),
                            "invalid value \"" + t + "\" for \"severity\" (use critical or major)");
                    severity = null;
                }
            }
        }
        YamlNode.Mapping.Entry x = m.entries().get("expect");
        if (x != null) {
            YamlNode.Mapping em = values.mapping(x.value(), "expect");
            if (em != null) {
                for (YamlNode.Mapping.Entry e : em.entries().values()) {
                    switch (e.key()) {
                        case "status" -> {
                            Integer n = values.count(e.value(), "expect.status", 100);
                            status = n == null ? status : n;
                        }
                        case "json" -> json = values.textMap(e.value(), "expect.json");
                        case "within" -> within = values.duration(e.value(), "expect.within");
                        case "contains" -> contains = values.text(e.value(), "expect.contains");
                        default -> values.unknownKey("unknown-key", e, "key", " in \"expect\"", EXPECT_KEYS);
                    }
                }
            }
        }
        return new Action.Http(method, parts[1].strip(), headers, body,
                new Action.HttpExpectation(status, json, within, contains), severity);
    }
}
