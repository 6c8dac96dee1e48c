package dev.runway.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Evaluates one rule over a monitor's samples, as they arrive. Pure: no clock, no I/O.
 *
 * <p>{@code for} means what it means in Prometheus alerting: the condition held at every sample
 * from the first breaching one until at least {@code for} later. A sample that does not breach,
 * an unreadable sample, or a gap longer than {@code maxGap} between samples breaks the streak, so
 * flapping never adds up to a firing. A sample that is not after the previous one is ignored.
 * The rule fires on the first sample at or after the end of its window, which is what keeps
 * detection within one sample interval.
 *
 * <pre>{@code
 * RuleEvaluator e = new RuleEvaluator(RuleParser.parse("health.error_rate > 5% for 3s"), Duration.ofSeconds(2));
 * e.offer(t0, reading);  // Holding, Fired, Unreadable or Ignored
 * }</pre>
 */
public final class RuleEvaluator {
    private final Rule rule;
    private final Duration maxGap;
    private final List<Verdict.Seen> streak = new ArrayList<>();
    private Instant last;
    private int failures;
    private long samples;
    private boolean decided;

    /** @param maxGap the longest silence between samples that does not break a streak; null for no limit */
    public RuleEvaluator(Rule rule, Duration maxGap) {
        this.rule = rule;
        this.maxGap = maxGap;
    }

    public Rule rule() {
        return rule;
    }

    /** True once at least one sample met the rule's minimum and so could have fired it. */
    public boolean decided() {
        return decided;
    }

    public Verdict offer(Instant at, Sample sample) {
        if (last != null && !at.isAfter(last)) {
            return new Verdict.Ignored(rule, "sample at " + at + " is not after the previous one at " + last + "; ignored");
        }
        String gap = null;
        if (maxGap != null && last != null && Duration.between(last, at).compareTo(maxGap) > 0) {
            gap = "no sample for " + Duration.between(last, at).toMillis() + "ms (more than " + maxGap.toMillis()
                    + "ms): a gap in data breaks the streak";
            streak.clear();
        }
        last = at;
        return switch (sample) {
            case Sample.Unreadable u -> unreadable(u.reason());
            case Sample.Reading r -> reading(at, r, gap);
        };
    }

    private Verdict reading(Instant at, Sample.Reading r, String gap) {
        Double value = r.values().get(rule.field());
        if (value == null) {
            return unreadable("monitor \"" + rule.monitor() + "\" gave no " + rule.field() + " in this sample");
        }
        if (value.isNaN() || value.isInfinite()) {
            return unreadable("monitor \"" + rule.monitor() + "\" gave " + value + " for " + rule.field());
        }
        failures = 0;
        samples++;
        String waiting = waiting(r);
        if (waiting != null) {
            streak.clear();
            return new Verdict.Holding(rule, value, null, waiting);
        }
        decided = true;
        if (!rule.breached(value)) {
            streak.clear();
            return new Verdict.Holding(rule, value, null, gap);
        }
        streak.add(new Verdict.Seen(at, value));
        Instant first = streak.getFirst().at();
        if (Duration.between(first, at).compareTo(rule.holdFor()) >= 0) {
            Verdict fired = new Verdict.Fired(rule, List.copyOf(streak), first, at);
            streak.clear();
            return fired;
        }
        return new Verdict.Holding(rule, value, first, gap);
    }

    private Verdict unreadable(String reason) {
        streak.clear();
        failures++;
        return new Verdict.Unreadable(rule, reason, failures);
    }

    private String waiting(Sample.Reading r) {
        return switch (rule.minKind()) {
            case NONE -> null;
            case SAMPLES -> samples >= rule.minCount() ? null
                    : "waiting for " + rule.minCount() + " samples (" + samples + " so far)";
            case REQUESTS -> Math.max(0, r.requests()) >= rule.minCount() ? null
                    : "waiting for " + rule.minCount() + " requests (" + Math.max(0, r.requests()) + " so far)";
        };
    }
}
