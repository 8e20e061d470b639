package org.ebm4j.plugins.evaluation;

/**
 * RAISE's estimate of log Z from reverse chains started at held-out rows (Burda, Grosse and Salakhutdinov 2015): each
 * row's chain gives {@code log u}, and {@code log p̂(x) = −E(x) + log u} is an unbiased estimate, in {@code p̂}, of the
 * density at x of the model the annealing defines; {@code −mean log u} is therefore a stochastic <em>upper</em> bound
 * on log Z, averaged per row, as the paper does, not pooled into {@code −log mean u} (which held-out rows of a model
 * that fits them imperfectly pull below log Z). Its standard error is that of a mean over the rows.
 */
record ReverseEstimate(double upperLogZ, double standardError) {

    static ReverseEstimate of(double[] logU) {
        int n = logU.length;
        double mean = 0;
        for (double v : logU) {
            mean += v / n;
        }
        double sq = 0;
        for (double v : logU) {
            sq += (v - mean) * (v - mean);
        }
        double se = n > 1 ? Math.sqrt(sq / (n - 1) / n) : Double.NaN;
        return new ReverseEstimate(-mean, se);
    }
}
