package dev.runway.verify;

import java.time.Duration;
import java.util.Locale;

/**
 * One rule, {@code <metric> <op> <value>[% | ms | s] [for <duration>] [min <N> samples|requests]},
 * parsed by {@link RuleParser}. The threshold is kept in base units: a fraction for {@code %}
 * (5% is 0.05), seconds for {@code ms} and {@code s}; {@code unit} only says how to show values.
 *
 * @param text      the rule as written, for messages
 * @param monitor   the monitor's name
 * @param field     the monitor's field ({@code error_rate}, {@code latency_p99}, {@code value}, …)
 * @param holdFor   how long the condition must hold at every sample; zero fires on one sample
 * @param minCount  0, or how many samples/requests must be seen before the rule may decide
 */
public record Rule(String text, String monitor, String field, Op op, double threshold, Unit unit,
                   Duration holdFor, int minCount, MinKind minKind) {

    public String metric() {
        return monitor + "." + field;
    }

    public boolean breached(double value) {
        return op.test(value, threshold);
    }

    /** The comparison, by its symbol. */
    public enum Op {
        GT(">"), GE(">="), LT("<"), LE("<="), EQ("=="), NE("!=");

        public final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }

        boolean test(double value, double threshold) {
            return switch (this) {
                case GT -> value > threshold;
                case GE -> value >= threshold;
                case LT -> value < threshold;
                case LE -> value <= threshold;
                case EQ -> value == threshold;
                case NE -> value != threshold;
            };
        }
    }

    /** How the rule's values are written, and so shown. */
    public enum Unit {
        NONE, PERCENT, MILLIS, SECONDS;

        public String format(double baseValue) {
            return switch (this) {
                case PERCENT -> String.format(Locale.ROOT, "%.1f%%", baseValue * 100);
                case MILLIS -> String.format(Locale.ROOT, "%.0fms", baseValue * 1000);
                case SECONDS -> plain(baseValue) + "s";
                case NONE -> plain(baseValue);
            };
        }

        static String plain(double v) {
            if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
            return String.format(Locale.ROOT, "%.4g", v).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
        }
    }

    /** What a {@code min N ...} clause counts. */
    public enum MinKind { NONE, SAMPLES, REQUESTS }
}
