package org.ebm4j.plugins.evaluation;

/**
 * Importance log-weights {@code log w_i}: the log of their mean, its standard error by the delta method
 * ({@code sd(w) / (√M mean(w))}), and their effective sample size {@code (Σw)² / Σw²}, all computed stably.
 */
record LogWeights(double logMean, double standardError, double effectiveSampleSize) {

    static LogWeights of(double[] logW) {
        int m = logW.length;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logW) {
            max = Math.max(max, v);
        }
        if (!Double.isFinite(max)) {
            return new LogWeights(max, Double.NaN, 0);
        }
        double sum = 0;
        double sumSq = 0;
        for (double v : logW) {
            double w = Math.exp(v - max);
            sum += w;
            sumSq += w * w;
        }
        double mean = sum / m;
        double variance = m > 1 ? (sumSq - m * mean * mean) / (m - 1) : Double.NaN;
        double se = Math.sqrt(Math.max(variance, 0) / m) / mean;
        return new LogWeights(max + Math.log(mean), se, sum * sum / sumSq);
    }
}
