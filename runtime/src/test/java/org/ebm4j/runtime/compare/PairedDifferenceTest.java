package org.ebm4j.runtime.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Paired differences by seed and their bootstrap intervals, against cases whose answer is known. */
class PairedDifferenceTest {

    private static MetricSummary summary(String variant, double... bySeed) {
        Map<Long, Double> m = new LinkedHashMap<>();
        for (int s = 0; s < bySeed.length; s++) {
            m.put((long) s, bySeed[s]);
        }
        return MetricSummary.of(variant, "test-nll", m);
    }

    @Test
    void aVariantAgainstItselfDiffersByNothing() {
        MetricSummary a = summary("a", 2.9, 3.1, 2.95, 3.4, 2.88, 3.0, 3.05, 2.91);
        PairedDifference d = PairedDifference.of(a, a, 1);
        assertThat(d.mean()).isZero();
        assertThat(d.lower()).isLessThanOrEqualTo(0);
        assertThat(d.upper()).isGreaterThanOrEqualTo(0);
        assertThat(d.established()).isFalse();
        assertThat(d.verdict()).isEqualTo("not established");
    }

    @Test
    void pairingBySeedSeesAShiftThatTheSpreadOverSeedsHides() {
        // b = a + 0.05 ± 0.005 on every seed, while a itself spreads by 0.2 over seeds: unpaired, 0.05 is far inside the
        // spread; paired, every difference is negative
        double[] a = {2.9, 3.1, 2.95, 3.4, 2.88, 3.0, 3.25, 2.71};
        double[] b = new double[a.length];
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i] + 0.05 + 0.01 * (r.nextDouble() - 0.5);
        }
        PairedDifference d = PairedDifference.of(summary("a", a), summary("b", b), 1);
        assertThat(d.pairs()).isEqualTo(8);
        assertThat(d.mean()).isCloseTo(-0.05, within(0.005));
        assertThat(d.upper()).isLessThan(0);
        assertThat(d.lower()).isGreaterThan(-0.06);
        assertThat(d.verdict()).isEqualTo("a lower");
        assertThat(PairedDifference.of(summary("b", b), summary("a", a), 1).verdict()).isEqualTo("b higher");
    }

    @Test
    void onlySeedsBothRanToAFiniteValueArePaired() {
        MetricSummary a = summary("a", 1.0, Double.NaN, 3.0, 4.0);
        MetricSummary b = summary("b", 0.5, 1.0, 2.0);
        PairedDifference d = PairedDifference.of(a, b, 1);
        assertThat(d.bySeed()).containsExactly(Map.entry(0L, 0.5), Map.entry(2L, 1.0));
        assertThat(d.mean()).isEqualTo(0.75);
        PairedDifference one = PairedDifference.of(summary("a", 1.0), summary("b", 2.0), 1);
        assertThat(one.lower()).isNaN();
        assertThat(one.verdict()).startsWith("not established");
    }

    @Test
    void theSameInputsGiveTheSameInterval() {
        MetricSummary a = summary("a", 1, 2, 3, 4, 5);
        MetricSummary b = summary("b", 1.5, 1.9, 3.6, 3.1, 5.2);
        assertThat(PairedDifference.of(a, b, 7)).isEqualTo(PairedDifference.of(a, b, 7));
    }

    @Test
    void theIntervalCoversTheTrueMeanDifferenceAboutAsOftenAsItShould() {
        // 8 seeds of normal differences with mean 0.3: the bootstrap-t interval covers 0.3 about 95 % of the time; the
        // percentile interval, known to be narrow with few points, clearly less often (about 89 %)
        SplittableRandom r = new SplittableRandom(11);
        int trials = 1000;
        int studentized = 0;
        int percentile = 0;
        for (int t = 0; t < trials; t++) {
            double[] d = new double[8];
            for (int i = 0; i < d.length; i++) {
                d[i] = 0.3 + gaussian(r);
            }
            double[] ci = PairedDifference.bootstrapTInterval(d, 2000, t);
            studentized += ci[0] <= 0.3 && 0.3 <= ci[1] ? 1 : 0;
            double[] p = PairedDifference.bootstrapInterval(d, 2000, t);
            percentile += p[0] <= 0.3 && 0.3 <= p[1] ? 1 : 0;
        }
        assertThat(studentized / (double) trials).isBetween(0.93, 0.97);
        assertThat(percentile / (double) trials).isBetween(0.85, 0.92);
    }

    @Test
    void fromFiveSeedsTheIntervalIsStudentizedBelowPercentile() {
        assertThat(PairedDifference.of(summary("a", 1, 2, 3, 4, 5), summary("b", 0, 2, 2, 5, 4), 1).method()).isEqualTo("bootstrap-t");
        assertThat(PairedDifference.of(summary("a", 1, 2, 3, 4), summary("b", 0, 2, 2, 5), 1).method()).isEqualTo("percentile");
        assertThat(PairedDifference.of(summary("a", 1), summary("b", 0), 1).method()).isEqualTo("none");
    }

    @Test
    void everyPairOrEachAgainstABaseline() {
        List<MetricSummary> rows = List.of(summary("a", 1, 2), summary("b", 1, 2), summary("c", 1, 2));
        assertThat(PairedDifference.pairs(rows, null, 1)).extracting(d -> d.first() + "-" + d.second()).containsExactly("a-b", "a-c", "b-c");
        assertThat(PairedDifference.pairs(rows, "b", 1)).extracting(d -> d.first() + "-" + d.second()).containsExactly("a-b", "c-b");
    }

    @Test
    void quantilesInterpolateBetweenOrderStatistics() {
        assertThat(PairedDifference.quantile(new double[] {0, 1, 2, 3, 4}, 0.5)).isEqualTo(2);
        assertThat(PairedDifference.quantile(new double[] {0, 10}, 0.025)).isCloseTo(0.25, within(1e-12));
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
