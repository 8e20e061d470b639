package org.ebm4j.runtime.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The difference of one metric between two variants, paired by seed: for every seed both ran to a finite value,
 * {@code first − second}; their mean, and a bootstrap 95 % interval of the mean (the seeds resampled with replacement).
 * Pairing by seed removes what the seed does to both (the same data draw, initialisation and noise), so a paired
 * interval is narrower than the two variants' spreads suggest.
 *
 * <p>The interval is bootstrap-t (studentized) from {@value #MIN_SEEDS_FOR_T} seeds on: each resample's mean
 * difference in units of its own standard error, so the interval widens with the seeds' spread as a t interval does,
 * without assuming normal differences. On normal differences it covered the true mean 95.4 % of the time with 8 seeds
 * and 95.6 % with 5, on skewed (exponential) ones 93.9 % and 93.2 % (4000 trials each). The plain percentile interval
 * covered only 89 % and 85 %. With fewer seeds the bootstrap-t distribution degenerates (3 seeds have 10 distinct
 * resamples), so the percentile interval is given, marked: it covered 76 % with 3 seeds.
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
                               double upper, String method) {

    /** Seeds from which the interval is bootstrap-t; below, percentile. */
    public static final int MIN_SEEDS_FOR_T = 5;

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
        boolean studentized = d.length >= MIN_SEEDS_FOR_T;
        double[] interval = d.length < 2 ? new double[] {Double.NaN, Double.NaN}
                : studentized ? bootstrapTInterval(d, RESAMPLES, seed) : bootstrapInterval(d, RESAMPLES, seed);
        return new PairedDifference(a.metric(), a.variant(), b.variant(), diffs, mean, interval[0], interval[1],
                d.length < 2 ? "none" : studentized ? "bootstrap-t" : "percentile");
    }

    /**
     * The bootstrap-t 95 % interval of the mean of {@code d}: {@code [m − t₉₇.₅·se, m − t₂.₅·se]}, with {@code t} the
     * quantiles of {@code (m* − m) / se*} over the resamples (those with {@code se* = 0} left out). Differences that are
     * all equal give {@code [m, m]}.
     */
    static double[] bootstrapTInterval(double[] d, int resamples, long seed) {
        int n = d.length;
        double mean = mean(d);
        double se = sd(d, mean) / Math.sqrt(n);
        if (se == 0) {
            return new double[] {mean, mean};
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] t = new double[resamples];
        double[] x = new double[n];
        int k = 0;
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < n; i++) {
                x[i] = d[random.nextInt(n)];
            }
            double m = mean(x);
            double s = sd(x, m);
            if (s > 0) {
                t[k++] = (m - mean) / (s / Math.sqrt(n));
            }
        }
        double[] sorted = Arrays.copyOf(t, k);
        Arrays.sort(sorted);
        return new double[] {mean - quantile(sorted, 0.975) * se, mean - quantile(sorted, 0.025) * se};
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static double sd(double[] x, double mean) {
        double s = 0;
        for (double v : x) {
            s += (v - mean) * (v - mean);
        }
        return Math.sqrt(s / (x.length - 1));
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
