package dev.runway.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BaselineTest {

    static double[] normal(SplittableRandom random, int n, double mean, double sd) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double u = random.nextDouble(), w = random.nextDouble();
            out[i] = mean + sd * Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * w);
        }
        return out;
    }

    @Test
    void the_same_distribution_is_no_regression() {
        SplittableRandom r = new SplittableRandom(1);
        Baseline.Comparison c = Baseline.DEFAULT.compare(normal(r, 60, 0.2, 0.02), normal(r, 60, 0.2, 0.02), true);
        assertThat(c.regressed()).isFalse();
        assertThat(c.effect()).isBetween(0.35, 0.65);
    }

    @Test
    void a_clear_latency_rise_is_a_regression() {
        SplittableRandom r = new SplittableRandom(2);
        Baseline.Comparison c = Baseline.DEFAULT.compare(normal(r, 30, 0.2, 0.02), normal(r, 30, 0.3, 0.02), true);
        assertThat(c.regressed()).isTrue();
        assertThat(c.pValue()).isLessThan(0.001);
        assertThat(c.effect()).isGreaterThan(0.95);
        assertThat(c.describe()).endsWith(": a significant regression");
    }

    @Test
    void a_tiny_but_significant_shift_is_below_the_minimum_effect_and_not_flagged() {
        SplittableRandom r = new SplittableRandom(3);
        Baseline.Comparison c = Baseline.DEFAULT.compare(normal(r, 5000, 0.2, 0.02), normal(r, 5000, 0.2012, 0.02), true);
        assertThat(c.pValue()).isLessThan(0.05);
        assertThat(c.effect()).isLessThan(0.6);
        assertThat(c.regressed()).isFalse();
    }

    @Test
    void an_improvement_is_not_a_regression_and_lower_can_be_worse() {
        SplittableRandom r = new SplittableRandom(4);
        double[] before = normal(r, 30, 100, 5);
        double[] after = normal(r, 30, 70, 5);
        assertThat(Baseline.DEFAULT.compare(before, after, true).regressed()).isFalse();
        assertThat(Baseline.DEFAULT.compare(before, after, false).regressed()).isTrue();
    }

    @Test
    void ties_count_half_and_too_few_samples_are_refused() {
        assertThat(Baseline.commonLanguageEffect(new double[] {0, 0}, new double[] {0, 0})).isEqualTo(0.5);
        assertThat(Baseline.commonLanguageEffect(new double[] {1, 2}, new double[] {0, 2})).isEqualTo(0.625);
        assertThatThrownBy(() -> Baseline.DEFAULT.compare(new double[] {1}, new double[] {1, 2}, true))
                .hasMessage("a baseline comparison needs at least 2 samples before and after (have 1 and 2)");
    }
}
