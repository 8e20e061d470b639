package org.ebm4j.plugins.evaluation;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A U-statistic {@code (1 / n(n−1)) Σ_{i≠j} h_ij} of a symmetric kernel matrix {@code h} and its standard error from
 * the first-order (Hoeffding) term, {@code √(4 Var_i(h̄_i) / n)} with {@code h̄_i} the mean of row i off the diagonal.
 * (Under a null where the statistic is degenerate that term vanishes; the tests' p-values cover that case.)
 */
record UStatistic(double value, double standardError) {

    static UStatistic of(INDArray h) {
        int n = h.rows();
        double[] rowSums = h.sum(1).toDoubleVector();
        double[] diagonal = org.nd4j.linalg.factory.Nd4j.diag(h).toDoubleVector();
        double total = 0;
        double[] means = new double[n];
        for (int i = 0; i < n; i++) {
            means[i] = (rowSums[i] - diagonal[i]) / (n - 1);
            total += rowSums[i] - diagonal[i];
        }
        double value = total / ((double) n * (n - 1));
        double variance = 0;
        for (double m : means) {
            variance += (m - value) * (m - value);
        }
        variance /= Math.max(1, n - 1);
        return new UStatistic(value, Math.sqrt(4 * variance / n));
    }
}
