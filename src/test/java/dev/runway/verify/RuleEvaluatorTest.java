package dev.runway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rule semantics at their edges, with samples at whole seconds from T0. */
class RuleEvaluatorTest {
    static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");

    static Instant t(double seconds) {
        return T0.plusMillis((long) (seconds * 1000));
    }

    static Sample v(double value) {
        return new Sample.Reading(Map.of("error_rate", value), 100);
    }

    static RuleEvaluator rule(String text) {
        return new RuleEvaluator(RuleParser.parse(text), Duration.ofSeconds(2));
    }

    @Test
    void a_value_exactly_at_the_threshold_does_not_breach_greater_than() {
        RuleEvaluator e = rule("h.error_rate > 5%");
        assertThat(e.offer(t(0), v(1.0 / 20))).isInstanceOf(Verdict.Holding.class);
        assertThat(e.offer(t(1), v(3.0 / 60))).isInstanceOf(Verdict.Holding.class);
        Verdict atThreshold = rule("h.error_rate >= 5%").offer(t(0), v(1.0 / 20));
        assertThat(atThreshold).isInstanceOf(Verdict.Fired.class);
        assertThat(Verdicts.fired((Verdict.Fired) atThreshold)).isEqualTo("rule \"h.error_rate >= 5%\" fired at 12:00:00Z: value 5.0%");
    }

    @Test
    void a_breach_fires_once_it_held_at_every_sample_for_the_whole_window() {
        RuleEvaluator e = rule("h.error_rate > 5% for 3s");
        assertThat(e.offer(t(0), v(0.08))).isEqualTo(new Verdict.Holding(e.rule(), 0.08, t(0), null));
        assertThat(e.offer(t(1), v(0.12))).isInstanceOf(Verdict.Holding.class);
        assertThat(e.offer(t(2), v(0.09))).isInstanceOf(Verdict.Holding.class);
        Verdict fired = e.offer(t(3), v(0.10));
        assertThat(fired).isInstanceOf(Verdict.Fired.class);
        Verdict.Fired f = (Verdict.Fired) fired;
        assertThat(f.first()).isEqualTo(t(0));
        assertThat(f.last()).isEqualTo(t(3));
        assertThat(f.values()).extracting(Verdict.Seen::value).containsExactly(0.08, 0.12, 0.09, 0.10);
        assertThat(Verdicts.fired(f)).isEqualTo(
                "rule \"h.error_rate > 5% for 3s\" fired at 12:00:03Z: values 8.0%, 12.0%, 9.0%, 10.0% over 3s");
    }

    @Test
    void a_breach_shorter_than_for_does_not_fire() {
        RuleEvaluator e = rule("h.error_rate > 5% for 3s");
        for (int s = 0; s <= 2; s++) assertThat(e.offer(t(s), v(0.5))).isInstanceOf(Verdict.Holding.class);
        assertThat(e.offer(t(3), v(0.0))).isEqualTo(new Verdict.Holding(e.rule(), 0.0, null, null));
        assertThat(e.offer(t(4), v(0.5))).isEqualTo(new Verdict.Holding(e.rule(), 0.5, t(4), null));
    }

    @Test
    void flapping_never_adds_up_to_a_firing() {
        RuleEvaluator e = rule("h.error_rate > 5% for 3s");
        for (int s = 0; s < 60; s++) {
            assertThat(e.offer(t(s), v(s % 2 == 0 ? 0.5 : 0.01))).isInstanceOf(Verdict.Holding.class);
        }
        // Two breaching samples, one ok, two breaching: 4 of 5 seconds breached, never 3 in a row.
        RuleEvaluator f = rule("h.error_rate > 5% for 3s");
        double[] values = {0.5, 0.5, 0.5, 0.0, 0.5, 0.5, 0.5};
        for (int s = 0; s < values.length; s++) assertThat(f.offer(t(s), v(values[s]))).isNotInstanceOf(Verdict.Fired.class);
    }

    @Test
    void an_unreadable_sample_breaks_the_streak_and_is_reported_with_its_reason() {
        RuleEvaluator e = rule("h.error_rate > 5% for 3s");
        e.offer(t(0), v(0.5));
        e.offer(t(1), v(0.5));
        assertThat(e.offer(t(2), new Sample.Unreadable("connection refused")))
                .isEqualTo(new Verdict.Unreadable(e.rule(), "connection refused", 1));
        assertThat(e.offer(t(3), v(0.5))).isEqualTo(new Verdict.Holding(e.rule(), 0.5, t(3), null));
        assertThat(e.offer(t(5), v(0.5))).isInstanceOf(Verdict.Holding.class);
        assertThat(e.offer(t(6), v(0.5))).isInstanceOf(Verdict.Fired.class);
    }

    @Test
    void unreadable_samples_are_counted_in_a_row_and_a_reading_resets_the_count() {
        RuleEvaluator e = rule("h.error_rate > 5%");
        assertThat(((Verdict.Unreadable) e.offer(t(0), new Sample.Unreadable("a"))).consecutiveFailures()).isEqualTo(1);
        assertThat(((Verdict.Unreadable) e.offer(t(1), new Sample.Unreadable("b"))).consecutiveFailures()).isEqualTo(2);
        e.offer(t(2), v(0.0));
        assertThat(((Verdict.Unreadable) e.offer(t(3), new Sample.Unreadable("c"))).consecutiveFailures()).isEqualTo(1);
    }

    @Test
    void nan_infinity_and_a_missing_field_are_unreadable_never_healthy() {
        RuleEvaluator e = rule("h.error_rate < 5%");
        assertThat(e.offer(t(0), v(Double.NaN))).isEqualTo(new Verdict.Unreadable(e.rule(), "monitor \"h\" gave NaN for error_rate", 1));
        assertThat(e.offer(t(1), v(Double.POSITIVE_INFINITY)))
                .isEqualTo(new Verdict.Unreadable(e.rule(), "monitor \"h\" gave Infinity for error_rate", 2));
        assertThat(e.offer(t(2), new Sample.Reading(Map.of("up", 1.0), 5)))
                .isEqualTo(new Verdict.Unreadable(e.rule(), "monitor \"h\" gave no error_rate in this sample", 3));
        assertThat(e.decided()).isFalse();
    }

    @Test
    void a_silence_longer_than_the_allowed_gap_breaks_the_streak() {
        RuleEvaluator e = rule("h.error_rate > 5% for 3s");
        e.offer(t(0), v(0.5));
        e.offer(t(1), v(0.5));
        Verdict after = e.offer(t(4), v(0.5));
        assertThat(after).isInstanceOf(Verdict.Holding.class);
        assertThat(((Verdict.Holding) after).breachingSince()).isEqualTo(t(4));
        assertThat(((Verdict.Holding) after).note()).isEqualTo("no sample for 3000ms (more than 2000ms): a gap in data breaks the streak");
    }

    @Test
    void out_of_order_and_repeated_samples_are_ignored_with_a_note() {
        RuleEvaluator e = rule("h.error_rate > 5% for 2s");
        e.offer(t(0), v(0.5));
        e.offer(t(1), v(0.5));
        assertThat(e.offer(t(0.5), v(0.0))).isEqualTo(new Verdict.Ignored(e.rule(),
                "sample at 2026-01-01T12:00:00.500Z is not after the previous one at 2026-01-01T12:00:01Z; ignored"));
        assertThat(e.offer(t(1), v(0.0))).isInstanceOf(Verdict.Ignored.class);
        assertThat(e.offer(t(2), v(0.5))).isInstanceOf(Verdict.Fired.class);
    }

    @Test
    void a_rule_decides_only_after_its_minimum_and_samples_before_it_do_not_count() {
        RuleEvaluator e = rule("h.error_rate > 5% for 1s min 3 samples");
        assertThat(e.offer(t(0), v(1.0))).isEqualTo(new Verdict.Holding(e.rule(), 1.0, null, "waiting for 3 samples (1 so far)"));
        assertThat(e.offer(t(1), v(1.0))).isEqualTo(new Verdict.Holding(e.rule(), 1.0, null, "waiting for 3 samples (2 so far)"));
        assertThat(e.decided()).isFalse();
        assertThat(e.offer(t(2), v(1.0))).isEqualTo(new Verdict.Holding(e.rule(), 1.0, t(2), null));
        assertThat(e.decided()).isTrue();
        assertThat(e.offer(t(3), v(1.0))).isInstanceOf(Verdict.Fired.class);

        RuleEvaluator r = rule("h.error_rate > 5% min 20 requests");
        assertThat(r.offer(t(0), new Sample.Reading(Map.of("error_rate", 1.0), 4)))
                .isEqualTo(new Verdict.Holding(r.rule(), 1.0, null, "waiting for 20 requests (4 so far)"));
        assertThat(r.offer(t(1), new Sample.Reading(Map.of("error_rate", 1.0), 20))).isInstanceOf(Verdict.Fired.class);
    }

    @Test
    void after_firing_the_streak_starts_over() {
        RuleEvaluator e = rule("h.error_rate > 5% for 1s");
        e.offer(t(0), v(0.5));
        assertThat(e.offer(t(1), v(0.5))).isInstanceOf(Verdict.Fired.class);
        assertThat(e.offer(t(2), v(0.5))).isInstanceOf(Verdict.Holding.class);
        assertThat(e.offer(t(3), v(0.5))).isInstanceOf(Verdict.Fired.class);
        assertThat(List.of(Rule.Unit.MILLIS.format(0.25), Rule.Unit.NONE.format(42), Rule.Unit.SECONDS.format(2.5)))
                .containsExactly("250ms", "42", "2.5s");
    }

    @Test
    void a_breach_is_detected_within_one_sample_interval_after_its_window_completes() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        for (int trial = 0; trial < 500; trial++) {
            RuleEvaluator e = new RuleEvaluator(RuleParser.parse("h.error_rate > 5% for 3s"), Duration.ofMillis(2500));
            long intervalMs = 1000;
            long breachFrom = random.nextLong(0, 10_000);
            Verdict.Fired fired = null;
            long firedAt = -1;
            for (long at = 0; at < 30_000 && fired == null; at += intervalMs + random.nextLong(-200, 200)) {
                Verdict v = e.offer(T0.plusMillis(at), v(at >= breachFrom ? 0.5 : 0.0));
                if (v instanceof Verdict.Fired f) {
                    fired = f;
                    firedAt = at;
                }
            }
            assertThat(fired).isNotNull();
            long firstBreachSample = fired.first().toEpochMilli() - T0.toEpochMilli();
            assertThat(firstBreachSample - breachFrom).isLessThan(intervalMs + 200);
            // Fired at the first sample at or after the window's end, so at most one (jittered) interval late.
            assertThat(firedAt - (firstBreachSample + 3000)).isBetween(0L, intervalMs + 200);
        }
    }

    @Test
    void every_operator_is_exact_at_the_threshold() {
        assertThat(rule("h.error_rate < 5%").offer(t(0), v(0.05))).isInstanceOf(Verdict.Holding.class);
        assertThat(rule("h.error_rate <= 5%").offer(t(0), v(0.05))).isInstanceOf(Verdict.Fired.class);
        assertThat(rule("h.error_rate == 5%").offer(t(0), v(0.05))).isInstanceOf(Verdict.Fired.class);
        assertThat(rule("h.error_rate != 5%").offer(t(0), v(0.05))).isInstanceOf(Verdict.Holding.class);
        assertThat(rule("h.error_rate > 5%").offer(t(0), v(Math.nextUp(0.05)))).isInstanceOf(Verdict.Fired.class);
    }
}
