package dev.runway.verify;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.statistics.inference.AlternativeHypothesis;
import org.apache.commons.statistics.inference.MannWhitneyUTest;

/**
 * Compares a monitor's samples after a change with those before it. A regression is flagged only
 * when it is both statistically significant (one-sided Mann–Whitney U, p below {@code alpha})
 * and large enough to matter: the common-language effect size, the chance that a random sample
 * after is worse than a random sample before (ties count half), must reach {@code minEffect}.
 * With enough samples a trivial shift becomes significant; the effect size keeps it quiet.
 *
 * <pre>{@code
 * Baseline.Comparison c = Baseline.DEFAULT.compare(before, after, true);  // higher is worse
 * c.regressed();  c.describe();
 * }</pre>
 */
public record Baseline(double alpha, double minEffect) {

    public static final Baseline DEFAULT = new Baseline(0.05, 0.7);

    /**
     * @param effect the common-language effect size: P(after worse than before), 0.5 is no change
     */
    public record Comparison(boolean regressed, double pValue, double effect, double medianBefore, double medianAfter,
                             int before, int after) {
        public String describe() {
            return String.format(Locale.ROOT, "median %s before, %s after; p=%.4f, P(worse)=%.2f over %d and %d samples%s",
                    Rule.Unit.plain(medianBefore), Rule.Unit.plain(medianAfter), pValue, effect, before, after,
                    regressed ? ": a significant regression" : "");
        }
    }

    /** @param higherIsWorse true for error rates and latencies; false for e.g. throughput */
    public Comparison compare(double[] before, double[] after, boolean higherIsWorse) {
        if (before.length < 2 || after.length < 2) {
            throw new IllegalArgumentException("a baseline comparison needs at least 2 samples before and after (have "
                    + before.length + " and " + after.length + ")");
        }
        double[] worse = higherIsWorse ? after : negate(after);
        double[] base = higherIsWorse ? before : negate(before);
        double p = MannWhitneyUTest.withDefaults().with(AlternativeHypothesis.GREATER_THAN).test(worse, base).getPValue();
        double effect = commonLanguageEffect(worse, base);
        boolean regressed = p < alpha && effect >= minEffect;
        return new Comparison(regressed, p, effect, median(before), median(after), before.length, after.length);
    }

    /** P(x > y) + P(x == y) / 2 for x from {@code a}, y from {@code b}; O(n log n) by sorting. */
    static double commonLanguageEffect(double[] a, double[] b) {
        double[] sorted = b.clone();
        Arrays.sort(sorted);
        double wins = 0;
        for (double x : a) {
            int below = lowerBound(sorted, x);
            int notAbove = upperBound(sorted, x);
            wins += below + (notAbove - below) / 2.0;
        }
        return wins / ((double) a.length * b.length);
    }

    private static int lowerBound(double[] sorted, double x) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int upperBound(double[] sorted, double x) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    static double median(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double[] negate(double[] values) {
        return Arrays.stream(values).map(v -> -v).toArray();
    }
}
