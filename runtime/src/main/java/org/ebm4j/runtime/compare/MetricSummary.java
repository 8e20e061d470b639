package org.ebm4j.runtime.compare;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One metric of one variant over its runs: how many, the median, mean and standard deviation (over seeds, n − 1),
 * the range, and each seed's value. Non-finite values (a run that diverged or an NLL that could not be computed) count in
 * {@code n} and are listed, but are left out of the statistics: {@code finite} says how many entered them.
 */
public record MetricSummary(String variant, String metric, int n, int finite, double median, double mean, double sd,
                            double min, double max, Map<Long, Double> bySeed) {

    public MetricSummary {
        bySeed = Collections.unmodifiableMap(new LinkedHashMap<>(bySeed));
    }

    /** The statistics of {@code bySeed}'s values. */
    public static MetricSummary of(String variant, String metric, Map<Long, Double> bySeed) {
        double[] v = bySeed.values().stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).sorted().toArray();
        int k = v.length;
        double median = k == 0 ? Double.NaN : k % 2 == 1 ? v[k / 2] : (v[k / 2 - 1] + v[k / 2]) / 2;
        double mean = k == 0 ? Double.NaN : Arrays.stream(v).average().orElse(Double.NaN);
        double sd = Double.NaN;
        if (k > 1) {
            double sq = 0;
            for (double x : v) {
                sq += (x - mean) * (x - mean);
            }
            sd = Math.sqrt(sq / (k - 1));
        }
        return new MetricSummary(variant, metric, bySeed.size(), k, median, mean, sd, k == 0 ? Double.NaN : v[0],
                k == 0 ? Double.NaN : v[k - 1], bySeed);
    }

    /** The standard error of the mean, {@code sd / √finite}. */
    public double standardError() {
        return finite > 1 ? sd / Math.sqrt(finite) : Double.NaN;
    }
}
