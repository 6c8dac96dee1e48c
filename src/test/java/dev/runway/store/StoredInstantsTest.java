package dev.runway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The store's own instant reader agrees with {@link Instant#parse} on every input, fast path or not. */
class StoredInstantsTest {

    @Test
    void every_instant_the_store_writes_reads_back_equal() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 100_000; i++) {
            long seconds = random.nextLong(Instant.parse("0000-01-01T00:00:00Z").getEpochSecond(),
                    Instant.parse("9999-12-31T23:59:59Z").getEpochSecond());
            int nanos = switch (i % 4) {
                case 0 -> 0;
                case 1 -> random.nextInt(1000) * 1_000_000;
                case 2 -> random.nextInt(1_000_000) * 1_000;
                default -> random.nextInt(1_000_000_000);
            };
            Instant at = Instant.ofEpochSecond(seconds, nanos);
            assertThat(StoredInstants.parse(at.toString())).isEqualTo(at);
        }
    }

    @Test
    void leap_days_and_month_ends_are_exact() {
        for (String s : new String[] {"2024-02-29T23:59:59.999999999Z", "2026-12-31T00:00:00Z", "2000-02-29T12:00:00.5Z",
                "1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1900-02-28T00:00:00Z", "1600-02-29T00:00:00Z",
                "0000-03-01T00:00:00Z", "2026-11-22T07:46:33.537693870Z", "2026-11-22T07:46:33.12Z"}) {
            assertThat(StoredInstants.parse(s)).as(s).isEqualTo(Instant.parse(s));
        }
    }

    @Test
    void other_shapes_go_to_the_jdk_and_read_or_fail_the_same_way() {
        for (String odd : new String[] {"+10000-01-01T00:00:00Z", "2026-11-22T24:00:00Z", "2026-11-22T23:59:60Z",
                "2026-11-22T07:46:33.Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-11-22T07:46:33.1234567890Z",
                "2026-11-22 07:46:33Z", "2026-11-22T07:46:3aZ", "2026-11-22T07:46:33", ""}) {
            Instant expected;
            try {
                expected = Instant.parse(odd);
            } catch (DateTimeParseException e) {
                assertThatThrownBy(() -> StoredInstants.parse(odd)).as(odd).isInstanceOf(DateTimeParseException.class);
                continue;
            }
            assertThat(StoredInstants.parse(odd)).as(odd).isEqualTo(expected);
        }
    }
}
