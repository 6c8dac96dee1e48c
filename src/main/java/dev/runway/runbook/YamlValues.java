package dev.runway.runbook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/** Typed reads of located YAML values that report a located, actionable error on mismatch. */
final class YamlValues {
    private final Problems problems;

    YamlValues(Problems problems) {
        this.problems = problems;
    }

    /** {@code unknown directive key "retries" (known: ...)}; {@code context} follows the key, e.g. " in variable \"v\"". */
    void unknownKey(String code, YamlNode.Mapping.Entry e, String what, String context, Collection<String> known) {
        problems.error(code, e.line(), e.column(), "unknown " + what + " \"" + e.key() + "\"" + context + " (known: "
                + String.join(", ", new TreeSet<>(known)) + ")");
    }

    String text(YamlNode node, String key) {
        if (node instanceof YamlNode.Scalar s && s.text() != null) {
            return s.text();
        }
        problems.error("invalid-value", node.line(), node.column(),
                "\"" + key + "\" must be a text, not " + YamlNode.describe(node));
        return null;
    }

    Boolean bool(YamlNode node, String key) {
        if (node instanceof YamlNode.Scalar s && s.text() != null) {
            String v = s.text().toLowerCase(Locale.ROOT);
            if (v.equals("true") || v.equals("false")) {
                return Boolean.valueOf(v);
            }
        }
        problems.error("invalid-value", node.line(), node.column(),
                "invalid value " + YamlNode.describe(node) + " for \"" + key + "\" (use true or false)");
        return null;
    }

    /** A whole number of at least {@code min}. */
    Integer count(YamlNode node, String key, int min) {
        if (node instanceof YamlNode.Scalar s && s.text() != null && s.text().matches("-?\\d{1,9}")) {
            int n = Integer.parseInt(s.text());
            if (n >= min) {
                return n;
            }
        }
        problems.error("invalid-value", node.line(), node.column(),
                "invalid value " + YamlNode.describe(node) + " for \"" + key + "\" (use a whole number of at least " + min + ")");
        return null;
    }

    Duration duration(YamlNode node, String key) {
        if (node instanceof YamlNode.Scalar s && s.text() != null) {
            Duration d = Durations.parse(s.text());
            if (d != null) {
                return d;
            }
            problems.error("invalid-duration", node.line(), node.column(), Durations.invalid(s.text(), key));
            return null;
        }
        problems.error("invalid-duration", node.line(), node.column(),
                "invalid duration " + YamlNode.describe(node) + " for \"" + key + "\" (use e.g. 30s, 10m, 1h)");
        return null;
    }

    StepPolicy.OnFailure onFailure(YamlNode node, String key) {
        if (node instanceof YamlNode.Scalar s && s.text() != null) {
            for (StepPolicy.OnFailure f : StepPolicy.OnFailure.values()) {
                if (f.label().equals(s.text())) {
                    return f;
                }
            }
        }
        problems.error("invalid-value", node.line(), node.column(), "invalid value " + YamlNode.describe(node)
                + " for \"" + key + "\" (use ask, rollback, abort or continue)");
        return null;
    }

    /** A list of texts; a single text is accepted as a one-item list. */
    List<String> texts(YamlNode node, String key) {
        List<String> out = new ArrayList<>();
        if (node instanceof YamlNode.Scalar s && s.text() != null) {
            out.add(s.text());
            return out;
        }
        if (node instanceof YamlNode.Sequence q) {
            for (YamlNode item : q.items()) {
                String t = text(item, key);
                if (t != null) {
                    out.add(t);
                }
            }
            return out;
        }
        problems.error("invalid-value", node.line(), node.column(),
                "\"" + key + "\" must be a list of texts, not " + YamlNode.describe(node));
        return out;
    }

    YamlNode.Mapping mapping(YamlNode node, String key) {
        if (node instanceof YamlNode.Mapping m) {
            return m;
        }
        problems.error("invalid-value", node.line(), node.column(),
                "\"" + key + "\" must be a mapping, not " + YamlNode.describe(node));
        return null;
    }

    /** A mapping of texts (headers, json expectations); nested values are kept as their text. */
    Map<String, String> textMap(YamlNode node, String key) {
        Map<String, String> out = new LinkedHashMap<>();
        YamlNode.Mapping m = mapping(node, key);
        if (m != null) {
            for (YamlNode.Mapping.Entry e : m.entries().values()) {
                String v = text(e.value(), key + "." + e.key());
                if (v != null) {
                    out.put(e.key(), v);
                }
            }
        }
        return out;
    }

    /** Plain Java values for keys kept raw (monitors, triggers, notify). */
    static Object raw(YamlNode node) {
        return switch (node) {
            case YamlNode.Scalar s -> s.text();
            case YamlNode.Sequence q -> q.items().stream().map(YamlValues::raw).toList();
            case YamlNode.Mapping m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.entries().forEach((k, e) -> out.put(k, raw(e.value())));
                yield out;
            }
        };
    }
}
