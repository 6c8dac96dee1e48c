package dev.runway.runbook;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as runbooks write them: {@code 500ms}, {@code 90s}, {@code 10m}, {@code 1h30m},
 * {@code 2d}. No bare numbers: "timeout: 30" is ambiguous, so it is an error, not seconds.
 */
public final class Durations {
    private static final Pattern WHOLE = Pattern.compile("(?:\\d+(?:ms|s|m|h|d))+");
    private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private Durations() {}

    /** The duration, or null when {@code text} is not one. */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text.strip()).matches()) {
            return null;
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text.strip());
        try {
            while (m.find()) {
                long n = Long.parseLong(m.group(1));
                total = total.plus(switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                });
            }
        } catch (ArithmeticException | NumberFormatException e) {
            return null;
        }
        return total;
    }

    static String invalid(String text, String key) {
        return "invalid duration \"" + text + "\" for \"" + key + "\" (use e.g. 30s, 10m, 1h)";
    }
}
