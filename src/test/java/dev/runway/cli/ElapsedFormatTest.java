package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Step durations in the live view: tenths of a second, rounded as {@code %.1f} rounds them. */
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
}
