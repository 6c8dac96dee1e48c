package dev.runway.engine.step;

import dev.runway.engine.MonitorReading;
import dev.runway.verify.Rule;
import dev.runway.verify.RuleEvaluator;
import dev.runway.verify.Verdict;
import dev.runway.verify.Verdicts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest verdict of each rule a window watches, as people read it: the status line of the
 * step's output, and the figures on the run's {@link MonitorBoard}.
 */
final class WindowFigures {

    private final Clock clock;
    private final String scope;
    private final Instant until;
    private final Map<String, List<RuleEvaluator>> evaluators;
    private final Map<Rule, Verdict> latest = new LinkedHashMap<>();
    private final Map<String, Long> samples = new LinkedHashMap<>();
    private boolean changed;

    WindowFigures(Clock clock, String scope, Instant until, Map<String, List<RuleEvaluator>> evaluators) {
        this.clock = clock;
        this.scope = scope;
        this.until = until;
        this.evaluators = evaluators;
    }

    void sampled(String monitor) {
        samples.merge(monitor, 1L, Long::sum);
        changed = true;
    }

    void put(Rule rule, Verdict verdict) {
        latest.put(rule, verdict);
    }

    Verdict latest(Rule rule) {
        return latest.get(rule);
    }

    /** True once per batch of new samples: the board is written at most once per sample. */
    boolean takeChanged() {
        boolean was = changed;
        changed = false;
        return was;
    }

    String statusLine(Duration left) {
        List<String> parts = new ArrayList<>();
        for (List<RuleEvaluator> list : evaluators.values()) {
            for (RuleEvaluator e : list) {
                Rule r = e.rule();
                parts.add(r.metric() + " " + describe(latest.get(r)) + " (threshold " + Verdicts.threshold(r) + ")"
                        + state(latest.get(r)));
            }
        }
        return String.join(" | ", parts) + "; " + Math.max(0, (left.toMillis() + 999) / 1000) + "s left";
    }

    List<MonitorReading> readings() {
        Instant now = clock.instant();
        List<MonitorReading> out = new ArrayList<>();
        for (Map.Entry<String, List<RuleEvaluator>> e : evaluators.entrySet()) {
            for (RuleEvaluator ev : e.getValue()) {
                Rule r = ev.rule();
                Verdict v = latest.get(r);
                out.add(new MonitorReading(scope, r.text(), r.metric(), value(v), describe(v), Verdicts.threshold(r), label(v),
                        v instanceof Verdict.Holding h ? h.breachingSince() : v instanceof Verdict.Fired f ? f.first() : null,
                        samples.getOrDefault(e.getKey(), 0L), until, now));
            }
        }
        return out;
    }

    String describe(Verdict v) {
        return switch (v) {
            case null -> "no sample yet";
            case Verdict.Holding h -> h.rule().unit().format(h.value());
            case Verdict.Unreadable u -> "unreadable: " + u.reason();
            case Verdict.Fired f -> f.rule().unit().format(f.values().getLast().value());
            case Verdict.Ignored i -> "out-of-order sample";
        };
    }

    private static Double value(Verdict v) {
        return switch (v) {
            case Verdict.Holding h -> h.value();
            case Verdict.Fired f -> f.values().getLast().value();
            case Verdict.Unreadable u -> null;
            case Verdict.Ignored i -> null;
            case null -> null;
        };
    }

    private static String label(Verdict v) {
        return switch (v) {
            case null -> "no data";
            case Verdict.Holding h when h.note() != null && h.note().startsWith("waiting") -> "waiting";
            case Verdict.Holding h when h.breachingSince() != null -> "breaching";
            case Verdict.Holding h -> "ok";
            case Verdict.Unreadable u -> "unreadable";
            case Verdict.Fired f -> "fired";
            case Verdict.Ignored i -> "ok";
        };
    }

    private String state(Verdict v) {
        return switch (v) {
            case null -> "";
            case Verdict.Holding h when h.note() != null && h.note().startsWith("waiting") -> " " + h.note();
            case Verdict.Holding h when h.breachingSince() != null ->
                    " breaching for " + Duration.between(h.breachingSince(), clock.instant()).toSeconds() + "s";
            case Verdict.Holding h -> " ok";
            case Verdict.Unreadable u -> "";
            case Verdict.Fired f -> " fired";
            case Verdict.Ignored i -> "";
        };
    }
}
