package dev.runway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Run ids: the start second plus a random suffix that must not repeat under a burst of starts. */
class RunIdsTest {

    final Clock clock = Clock.fixed(Instant.parse("2026-11-22T03:44:24Z"), ZoneOffset.UTC);

    @Test
    void a_run_id_is_the_start_second_and_six_base36_digits() {
        assertThat(RunStarts.newRunId(clock)).matches("20261122-034424-[0-9a-z]{6}");
    }

    @Test
    void every_digit_of_the_suffix_is_random_even_the_first() {
        // the first digit of a random long in base 36 took one or two values, which made ids collide
        Set<Character> first = new HashSet<>();
        for (int i = 0; i < 10_000; i++) first.add(RunStarts.newRunId(clock).charAt(16));
        assertThat(first).hasSize(36);
    }
}
