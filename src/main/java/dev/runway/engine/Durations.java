package dev.runway.engine;

import java.time.Duration;
import java.util.Locale;

/** Durations as people write them in runbooks: 90s, 10m, 1h30m, 250ms. */
public final class Durations {

    private Durations() {}

    public static String format(Duration d) {
        if (d.isZero()) return "0s";
        if (d.toMillis() < 1000) return d.toMillis() + "ms";
        long s = d.toSeconds();
        StringBuilder out = new StringBuilder();
        if (s >= 86400 && s % 86400 == 0) return (s / 86400) + "d";
        if (s >= 3600) { out.append(s / 3600).append('h'); s %= 3600; }
        if (s >= 60) { out.append(s / 60).append('m'); s %= 60; }
        if (s > 0) out.append(s).append('s');
        return out.toString();
    }

    /** A countdown as a clock face: 9:05, 1:02:03. */
    public static String clock(Duration d) {
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s % 3600 / 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
