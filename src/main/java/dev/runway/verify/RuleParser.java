package dev.runway.verify;

import dev.runway.runbook.Durations;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads rules as runbooks write them. Errors are whole sentences that show the rule and an
 * example, because they are printed to the person who wrote the runbook.
 *
 * <pre>{@code
 * Rule r = RuleParser.parse("health.error_rate > 5% for 3s");  // threshold 0.05, holdFor 3s
 * }</pre>
 */
public final class RuleParser {
    /** Fields a monitor can have: the probe's, and {@code value} for queries and commands. */
    public static final Set<String> FIELDS = Set.of("error_rate", "latency_p50", "latency_p95", "latency_p99", "up", "value");

    private static final Pattern METRIC = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)?");
    private static final Pattern HEAD = Pattern.compile("^(\\S+?)\\s*(>=|<=|==|!=|>|<)\\s*(.*)$");
    private static final Pattern VALUE = Pattern.compile("^([-+]?\\d+(?:\\.\\d+)?)(%|ms|s)?(?:\\s+|$)(.*)$");
    private static final Pattern FOR = Pattern.compile("^for\\s+(\\S+)(?:\\s+|$)(.*)$");
    private static final Pattern MIN = Pattern.compile("^min\\s+(\\d+)\\s+(samples|requests)$");

    private RuleParser() {}

    /** Thrown with a message a person can act on. */
    public static final class BadRule extends IllegalArgumentException {
        BadRule(String message) {
            super(message);
        }
    }

    public static Rule parse(String text) {
        String t = text == null ? "" : text.strip();
        Matcher head = HEAD.matcher(t);
        if (!head.matches()) {
            throw bad(t, "has no comparison (one of > >= < <= == !=)");
        }
        String metric = head.group(1);
        if (!METRIC.matcher(metric).matches()) {
            throw bad(t, "names the metric \"" + metric + "\"; write a monitor name or monitor.field");
        }
        String monitor = metric.contains(".") ? metric.substring(0, metric.indexOf('.')) : metric;
        String field = metric.contains(".") ? metric.substring(metric.indexOf('.') + 1) : null;
        if (field != null && !FIELDS.contains(field)) {
            throw bad(t, "uses the unknown field \"" + field + "\" (fields: error_rate, latency_p50, latency_p95, "
                    + "latency_p99, up, value)");
        }
        Rule.Op op = op(head.group(2));
        String rest = head.group(3).strip();
        if (rest.isEmpty()) {
            throw bad(text, "is missing a value");
        }
        Matcher value = VALUE.matcher(rest);
        if (!value.matches()) {
            throw bad(t, "has the value \"" + rest.split("\\s+")[0] + "\", which is not a number with an optional %, ms or s");
        }
        double number = Double.parseDouble(value.group(1));
        Rule.Unit unit = switch (value.group(2) == null ? "" : value.group(2)) {
            case "%" -> Rule.Unit.PERCENT;
            case "ms" -> Rule.Unit.MILLIS;
            case "s" -> Rule.Unit.SECONDS;
            default -> Rule.Unit.NONE;
        };
        // Divide rather than multiply by 0.01: 5/100 is the same double a probe computes for 1 in 20.
        double threshold = switch (unit) {
            case PERCENT -> number / 100;
            case MILLIS -> number / 1000;
            case SECONDS, NONE -> number;
        };
        rest = value.group(3).strip();
        Duration holdFor = Duration.ZERO;
        Matcher f = FOR.matcher(rest);
        if (f.matches()) {
            holdFor = Durations.parse(f.group(1));
            if (holdFor == null) {
                throw bad(t, "has the duration \"" + f.group(1) + "\" after for; use e.g. 30s, 2m");
            }
            rest = f.group(2).strip();
        } else if (rest.equals("for")) {
            throw bad(t, "has for without a duration");
        }
        int min = 0;
        Rule.MinKind kind = Rule.MinKind.NONE;
        if (!rest.isEmpty()) {
            Matcher m = MIN.matcher(rest);
            if (!m.matches()) {
                throw bad(t, "ends with \"" + rest + "\"; only for <duration> and min <N> samples|requests may follow the value");
            }
            min = Integer.parseInt(m.group(1));
            kind = m.group(2).equals("samples") ? Rule.MinKind.SAMPLES : Rule.MinKind.REQUESTS;
        }
        return new Rule(t, monitor, field == null ? "value" : field, op, threshold, unit, holdFor, min, kind);
    }

    private static Rule.Op op(String symbol) {
        for (Rule.Op op : Rule.Op.values()) {
            if (op.symbol.equals(symbol)) return op;
        }
        throw new IllegalStateException(symbol);
    }

    private static BadRule bad(String rule, String problem) {
        return new BadRule("rule \"" + rule + "\" " + problem + " (write e.g. errors > 1% for 2m)");
    }
}
