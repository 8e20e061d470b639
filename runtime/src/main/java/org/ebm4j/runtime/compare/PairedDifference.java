package org.ebm4j.runtime.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The difference of one metric between two variants, paired by seed: for every seed both ran to a finite value,
 * {@code first − second}; their mean, and a percentile bootstrap 95 % interval of the mean (the seeds resampled with
 * replacement). Pairing by seed removes what the seed does to both (the same data draw, initialisation and noise), so a
 * paired interval is narrower than the two variants' spreads suggest.
 *
 * <p>With few seeds the percentile interval is too narrow: on normal differences it covered the true mean 89 % of the
 * time with 8 seeds, 85 % with 5, 76 % with 3 (4000 trials each), not 95 % ({@code PairedDifferenceTest} checks the
 * 8-seed case), so an interval that only just excludes 0 is weak evidence.
 *
 * @param metric     the metric
 * @param first      the first variant
 * @param second     the second variant
 * @param bySeed     each paired seed's difference {@code first − second}
 * @param mean       their mean ({@code NaN} without a paired seed)
 * @param lower      the interval's lower end ({@code NaN} with fewer than two paired seeds)
 * @param upper      its upper end
 */
public record PairedDifference(String metric, String first, String second, Map<Long, Double> bySeed, double mean, double lower,
                               double upper) {

    /** Bootstrap resamples: enough that the interval's ends move by well under their own width from one draw to another. */
    public static final int RESAMPLES = 10_000;

    public PairedDifference {
        bySeed = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(bySeed));
    }

    /**
     * The paired difference of {@code a} and {@code b} (one metric), resampled {@code RESAMPLES} times from a generator
     * seeded with {@code seed} (the same inputs give the same interval).
     */
    public static PairedDifference of(MetricSummary a, MetricSummary b, long seed) {
        Map<Long, Double> diffs = new LinkedHashMap<>();
        a.bySeed().forEach((s, va) -> {
            Double vb = b.bySeed().get(s);
            if (vb != null && Double.isFinite(va) && Double.isFinite(vb)) {
                diffs.put(s, va - vb);
            }
        });
        double[] d = diffs.values().stream().mapToDouble(Double::doubleValue).toArray();
        double mean = d.length == 0 ? Double.NaN : Arrays.stream(d).average().orElse(Double.NaN);
        double[] interval = d.length < 2 ? new double[] {Double.NaN, Double.NaN} : bootstrapInterval(d, RESAMPLES, seed);
        return new PairedDifference(a.metric(), a.variant(), b.variant(), diffs, mean, interval[0], interval[1]);
    }

    /** The 2.5 % and 97.5 % quantiles of the means of {@code resamples} resamples of {@code d} with replacement. */
    static double[] bootstrapInterval(double[] d, int resamples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        int n = d.length;
        for (int r = 0; r < resamples; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += d[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        Arrays.sort(means);
        return new double[] {quantile(means, 0.025), quantile(means, 0.975)};
    }

    /** Linear interpolation between order statistics (type 7, R's and NumPy's default). */
    static double quantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    /** The number of seeds both variants ran. */
    public int pairs() {
        return bySeed.size();
    }

    /** Whether the interval excludes 0: the data then say which variant is lower. */
    public boolean established() {
        return Double.isFinite(lower) && (lower > 0 || upper < 0);
    }

    /** In words: "first lower", "first higher", or "not established" (the interval contains 0, or there are too few seeds). */
    public String verdict() {
        if (!Double.isFinite(lower)) {
            return "not established (fewer than 2 paired seeds)";
        }
        return upper < 0 ? first + " lower" : lower > 0 ? first + " higher" : "not established";
    }

    /** Every pair of summaries in {@code rows} (in their order), or each against {@code baseline} when one is named. */
    public static List<PairedDifference> pairs(List<MetricSummary> rows, String baseline, long seed) {
        List<PairedDifference> out = new ArrayList<>();
        if (baseline != null) {
            MetricSummary base = rows.stream().filter(r -> r.variant().equals(baseline)).findFirst().orElse(null);
            if (base != null) {
                rows.stream().filter(r -> r != base).forEach(r -> out.add(of(r, base, seed)));
            }
            return out;
        }
        for (int i = 0; i < rows.size(); i++) {
            for (int j = i + 1; j < rows.size(); j++) {
                out.add(of(rows.get(i), rows.get(j), seed));
            }
        }
        return out;
    }
}
