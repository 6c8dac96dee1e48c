package dev.runway.verify;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** The sentences people read about verdicts: in failure reasons, the journal and the live view. */
public final class Verdicts {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private Verdicts() {}

    /** {@code rule "health.error_rate > 5% for 3s" fired at 12:00:03Z: values 8.0%, 12.0%, 9.0% over 3s} */
    public static String fired(Verdict.Fired f) {
        Rule.Unit unit = f.rule().unit();
        return "rule \"" + f.rule().text() + "\" fired at " + TIME.format(f.last()) + ": values "
                + f.values().stream().map(s -> unit.format(s.value())).collect(Collectors.joining(", "))
                + " over " + seconds(Duration.between(f.first(), f.last()));
    }

    /** The threshold as written: {@code > 5% for 3s}. */
    public static String threshold(Rule rule) {
        String s = rule.op().symbol + " " + rule.unit().format(rule.threshold());
        if (rule.unit() == Rule.Unit.PERCENT) {
            s = rule.op().symbol + " " + Rule.Unit.plain(rule.threshold() * 100) + "%";
        }
        return rule.holdFor().isZero() ? s : s + " for " + seconds(rule.holdFor());
    }

    static String seconds(Duration d) {
        if (d.toMillisPart() != 0 || d.isZero()) {
            return d.isZero() ? "0s" : Rule.Unit.plain(d.toMillis() / 1000.0) + "s";
        }
        long s = d.toSeconds();
        if (s >= 60 && s % 60 == 0) return (s / 60) + "m";
        return s + "s";
    }

    public static String time(java.time.Instant at) {
        return TIME.format(at);
    }
}
