package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The live view's own number formats: step durations in tenths of a second, rounded as
 * {@code %.1f} rounds them, and event times as HH:mm:ss UTC, as a formatter would print them.
 */
class ElapsedFormatTest {

    @Test
    void tenths_match_the_formatter_for_every_millisecond_up_to_a_minute_and_beyond() {
        for (long ms = 0; ms <= 61_000; ms++) {
            assertThat(ProgressView.seconds(Duration.ofMillis(ms)))
                    .as("%d ms", ms)
                    .isEqualTo(String.format(Locale.ROOT, "%.1fs", ms / 1000.0));
        }
        assertThat(ProgressView.seconds(Duration.ofHours(3))).isEqualTo("10800.0s");
    }

    @Test
    void a_negative_duration_keeps_its_sign() {
        assertThat(ProgressView.seconds(Duration.ofMillis(-1250))).isEqualTo("-1.3s");
    }

    @Test
    void time_of_day_matches_the_formatter_for_every_second_of_a_day_and_around_the_epoch() {
        DateTimeFormatter hms = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
        Instant midnight = Instant.parse("2026-12-03T00:00:00Z");
        for (int s = 0; s < 86_400; s++) {
            Instant at = midnight.plusSeconds(s).plusNanos(999_999_999);
            assertThat(ProgressView.timeOfDay(at)).as("%s", at).isEqualTo(hms.format(at));
        }
        for (Instant at : new Instant[] {Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.5Z"), Instant.parse("1900-02-28T07:08:09Z")}) {
            assertThat(ProgressView.timeOfDay(at)).as("%s", at).isEqualTo(hms.format(at));
        }
    }
}
