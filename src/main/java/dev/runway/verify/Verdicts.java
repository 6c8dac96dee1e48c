package dev.runway.verify;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** The sentences people read about verdicts: in failure reasons, the journal and the live view. */
public final class Verdicts {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Verdicts() {}

    /**
     * {@code rule "health.error_rate > 5% for 3s" fired at 12:00:03Z: values 8.0%, 12.0%, 9.0%, 7.0% over 3s},
     * or {@code …: value 8.0%} for a rule without {@code for}.
     */
    public static String fired(Verdict.Fired f) {
        Rule.Unit unit = f.rule().unit();
        String head = "rule \"" + f.rule().text() + "\" fired at " + TIME.format(f.last()) + ": ";
        if (f.values().size() == 1) {
            return head + "value " + unit.format(f.values().getFirst().value());
        }
        return head + "values " + f.values().stream().map(s -> unit.format(s.value())).collect(Collectors.joining(", "))
                + " over " + seconds(Duration.between(f.first(), f.last()));
    }

    /** The threshold as written: {@code > 5% for 3s}. */
    public static String threshold(Rule rule) {
        String s = rule.op().symbol + " " + rule.unit().format(rule.threshold());
        if (rule.unit() == Rule.Unit.PERCENT) {
            s = rule.op().symbol + " " + Rule.Unit.plain(rule.threshold() * 100) + "%";
        }
        return rule.holdFor().isZero() ? s : s + " for " + span(rule.holdFor());
    }

    /** A configured duration, exactly: {@code 400ms}, {@code 3s}, {@code 2m}. */
    public static String span(Duration d) {
        if (d.toMillisPart() != 0) return d.toMillis() + "ms";
        long s = d.toSeconds();
        return s >= 60 && s % 60 == 0 ? (s / 60) + "m" : s + "s";
    }

    /** A measured span, to a tenth of a second below a minute: {@code 1.2s}, {@code 3s}, {@code 75s}. */
    static String seconds(Duration d) {
        double tenths = Math.round(d.toMillis() / 100.0) / 10.0;
        return d.toMillis() >= 60_000 ? Math.round(d.toMillis() / 1000.0) + "s" : Rule.Unit.plain(tenths) + "s";
    }

    public static String time(java.time.Instant at) {
        return TIME.format(at);
    }
}
