package dev.runway.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates front matter (or a YAML runbook's top level) into {@link FrontMatter}. Unknown
 * top-level keys are only warnings, so newer runbooks still load in older Runway; unknown keys
 * inside a variable or approval are errors, because a misspelt {@code requried} silently
 * weakens a safety check.
 */
final class FrontMatterReader {
    static final Set<String> KEYS = Set.of("runbook", "environment", "vars", "secrets", "approvals",
            "informational", "on_failure", "rollback_deadline", "production_from", "monitors", "triggers", "notify");
    private static final Set<String> RAW = Set.of("monitors", "triggers", "notify");
    private static final Set<String> VAR_KEYS = Set.of("required", "default", "pattern", "description");
    private static final Set<String> APPROVAL_KEYS = Set.of("roles", "users", "count", "not_initiator");
    private static final Pattern SECRET = Pattern.compile("[A-Z_][A-Z0-9_]*");
    private static final Pattern VAR_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private final Problems problems;
    private final YamlValues values;
    private final ApprovalCheck approvalCheck;
    private final Map<String, Position> keys = new LinkedHashMap<>();

    FrontMatterReader(Problems problems) {
        this.problems = problems;
        this.values = new YamlValues(problems);
        this.approvalCheck = new ApprovalCheck(problems);
    }

    /** Where each top-level key of the last {@link #read} was written. */
    Map<String, Position> keys() {
        return Map.copyOf(keys);
    }

    static FrontMatter empty() {
        return new FrontMatter(null, null, Map.of(), List.of(), Map.of(), FrontMatter.DEFAULT_INFORMATIONAL,
                StepPolicy.OnFailure.ASK, null, null, Map.of());
    }

    /** @param alsoKnown keys the caller handles itself (a YAML runbook's title, steps, rollback) */
    FrontMatter read(YamlNode.Mapping root, Set<String> alsoKnown) {
        String name = null;
        String environment = null;
        Map<String, FrontMatter.VarSpec> vars = new LinkedHashMap<>();
        List<String> secrets = new ArrayList<>();
        Map<String, FrontMatter.ApprovalPolicy> approvals = new LinkedHashMap<>();
        List<String> informational = FrontMatter.DEFAULT_INFORMATIONAL;
        StepPolicy.OnFailure onFailure = StepPolicy.OnFailure.ASK;
        Duration deadline = null;
        String productionFrom = null;
        Map<String, Object> extra = new LinkedHashMap<>();
        for (YamlNode.Mapping.Entry e : root.entries().values()) {
            YamlNode v = e.value();
            keys.put(e.key(), new Position(e.line(), e.column()));
            switch (e.key()) {
                case "runbook" -> name = values.text(v, "runbook");
                case "environment" -> environment = values.text(v, "environment");
                case "vars" -> readVars(v, vars);
                case "secrets" -> {
                    if (v instanceof YamlNode.Sequence q) {
                        for (YamlNode item : q.items()) {
                            String s = values.text(item, "secrets");
                            if (s != null && !SECRET.matcher(s).matches()) {
                                problems.error("invalid-secret", item.line(), item.column(), "invalid secret name \"" + s
                                        + "\" (use upper-case letters, digits and \"_\", e.g. DEPLOY_TOKEN)");
                            } else if (s != null) {
                                secrets.add(s);
                            }
                        }
                    } else {
                        problems.error("invalid-value", v.line(), v.column(),
                                "\"secrets\" must be a list of environment variable names, not " + YamlNode.describe(v));
                    }
                }
                case "approvals" -> readApprovals(v, approvals);
                case "informational" -> informational = values.texts(v, "informational").stream()
                        .map(s -> s.strip().toLowerCase(Locale.ROOT)).toList();
                case "on_failure" -> {
                    StepPolicy.OnFailure f = values.onFailure(v, "on_failure");
                    onFailure = f == null ? onFailure : f;
                }
                case "rollback_deadline" -> deadline = values.duration(v, "rollback_deadline");
                case "production_from" -> productionFrom = values.text(v, "production_from");
                default -> {
                    if (RAW.contains(e.key())) {
                        extra.put(e.key(), YamlValues.raw(v));
                    } else if (!alsoKnown.contains(e.key())) {
                        List<String> known = new ArrayList<>(KEYS);
                        known.addAll(alsoKnown);
                        problems.warn("unknown-key", e.line(), e.column(), "unknown front matter key \"" + e.key()
                                + "\" (known: " + String.join(", ", new java.util.TreeSet<>(known)) + ")");
                    }
                }
            }
        }
        return new FrontMatter(name, environment, vars, List.copyOf(secrets), approvals, informational,
                onFailure, deadline, productionFrom, extra);
    }

    private void readVars(YamlNode node, Map<String, FrontMatter.VarSpec> vars) {
        YamlNode.Mapping m = values.mapping(node, "vars");
        if (m == null) {
            return;
        }
        for (YamlNode.Mapping.Entry e : m.entries().values()) {
            String name = e.key();
            if (!VAR_NAME.matcher(name).matches()) {
                problems.error("invalid-variable", e.line(), e.column(), "invalid variable name \"" + name
                        + "\" (use letters, digits, \"_\", \".\" and \"-\", starting with a letter or \"_\")");
                continue;
            }
            if (e.value() instanceof YamlNode.Scalar s) {
                // A scalar is a default value; a bare "name:" declares a required variable.
                vars.put(name, new FrontMatter.VarSpec(name, s.text() == null, s.text(), null, null, e.line(), e.column()));
                continue;
            }
            YamlNode.Mapping spec = values.mapping(e.value(), "vars." + name);
            if (spec == null) {
                continue;
            }
            Boolean required = null;
            String dflt = null;
            String pattern = null;
            String description = null;
            for (YamlNode.Mapping.Entry k : spec.entries().values()) {
                switch (k.key()) {
                    case "required" -> required = values.bool(k.value(), "required");
                    case "default" -> dflt = values.text(k.value(), "default");
                    case "description" -> description = values.text(k.value(), "description");
                    case "pattern" -> {
                        pattern = values.text(k.value(), "pattern");
                        if (pattern != null) {
                            try {
                                Pattern.compile(pattern);
                            } catch (PatternSyntaxException x) {
                                problems.error("invalid-pattern", k.value().line(), k.value().column(),
                                        "invalid pattern for variable \"" + name + "\": " + x.getDescription());
                                pattern = null;
                            }
                        }
                    }
                    default -> values.unknownKey("unknown-key", k, "key", " in variable \"" + name + "\"", VAR_KEYS);
                }
            }
            // Without an explicit "required", a variable with no default must be given.
            boolean req = required != null ? required : dflt == null;
            vars.put(name, new FrontMatter.VarSpec(name, req, dflt, pattern, description, e.line(), e.column()));
        }
    }

    private void readApprovals(YamlNode node, Map<String, FrontMatter.ApprovalPolicy> approvals) {
        YamlNode.Mapping m = values.mapping(node, "approvals");
        if (m == null) {
            return;
        }
        for (YamlNode.Mapping.Entry e : m.entries().values()) {
            String name = e.key();
            YamlNode.Mapping spec = values.mapping(e.value(), "approvals." + name);
            if (spec == null) {
                continue;
            }
            List<String> roles = List.of();
            List<String> users = List.of();
            int count = 1;
            boolean notInitiator = false;
            YamlNode rolesAt = null;
            YamlNode countAt = null;
            for (YamlNode.Mapping.Entry k : spec.entries().values()) {
                switch (k.key()) {
                    case "roles" -> {
                        roles = values.texts(k.value(), "roles");
                        rolesAt = k.value();
                    }
                    case "users" -> users = values.texts(k.value(), "users");
                    case "count" -> {
                        Integer c = values.count(k.value(), "count", 1);
                        count = c == null ? count : c;
                        countAt = c == null ? null : k.value();
                    }
                    case "not_initiator" -> {
                        Boolean b = values.bool(k.value(), "not_initiator");
                        notInitiator = b != null && b;
                    }
                    default -> values.unknownKey("unknown-key", k, "key", " in approval \"" + name + "\"", APPROVAL_KEYS);
                }
            }
            FrontMatter.ApprovalPolicy policy = new FrontMatter.ApprovalPolicy(List.copyOf(roles), List.copyOf(users), count, notInitiator);
            approvalCheck.check(name, policy, rolesAt, countAt);
            approvals.put(name, policy);
        }
    }
}
