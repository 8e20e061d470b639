package org.ebm4j.runtime.sample;

import java.util.Arrays;

/**
 * Convergence diagnostics of MCMC traces (Vehtari, Gelman, Simpson, Carpenter and Bürkner 2021): the rank-normalised
 * split-R̂ (the larger of the bulk and the folded, tail, versions; above 1.01 says the chains have not mixed) and the
 * bulk effective sample size (the number of independent draws the correlated ones are worth), per quantity.
 *
 * <p>A trace is {@code draws[chain][iteration]}. Each chain is split in half, so a chain that drifts counts as two
 * that disagree; values are replaced by the normal scores of their ranks among all draws, so heavy tails and
 * differences in scale do not hide a lack of mixing. The autocorrelation sum uses Geyer's initial monotone sequence.
 */
public final class ChainDiagnostics {

    private ChainDiagnostics() {}

    /** R̂ of one quantity: max(bulk, folded). NaN for fewer than 4 iterations. */
    public static double rhat(double[][] draws) {
        if (draws.length == 0 || draws[0].length < 4) {
            return Double.NaN;
        }
        double[][] split = split(draws);
        double bulk = splitRhat(rankNormalised(split));
        double median = median(split);
        double[][] folded = new double[split.length][];
        for (int c = 0; c < split.length; c++) {
            folded[c] = Arrays.stream(split[c]).map(v -> Math.abs(v - median)).toArray();
        }
        return Math.max(bulk, splitRhat(rankNormalised(folded)));
    }

    /** Bulk ESS of one quantity. NaN for fewer than 4 iterations. */
    public static double bulkEss(double[][] draws) {
        if (draws.length == 0 || draws[0].length < 4) {
            return Double.NaN;
        }
        return ess(rankNormalised(split(draws)));
    }

    /** The plain (not rank-normalised) split-chain ESS: for checks against known autocorrelations. */
    static double ess(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        double[] means = new double[m];
        double[] variances = new double[m];
        for (int c = 0; c < m; c++) {
            means[c] = mean(chains[c]);
            variances[c] = variance(chains[c], means[c]);
        }
        double w = mean(variances);
        double b = n * variance(means, mean(means));
        double varPlus = (n - 1.0) / n * w + b / n;
        if (!(varPlus > 0)) {
            return Double.NaN;
        }
        // ρ_t = 1 − (W − mean over chains of the lag-t autocovariance) / var⁺, summed in pairs while the pairs are positive
        double tau = -1;
        double previousPair = Double.POSITIVE_INFINITY;
        for (int t = 0; t + 1 < n; t += 2) {
            double pair = rho(chains, means, t, w, varPlus) + rho(chains, means, t + 1, w, varPlus);
            if (!(pair > 0)) {
                break;
            }
            pair = Math.min(pair, previousPair); // initial monotone sequence
            tau += 2 * pair;
            previousPair = pair;
        }
        return (double) m * n / Math.max(tau, 1.0 / Math.log10(m * (double) n)); // Stan's cap on ESS: at most S log10 S
    }

    private static double rho(double[][] chains, double[] means, int lag, double w, double varPlus) {
        int n = chains[0].length;
        double sum = 0;
        for (int c = 0; c < chains.length; c++) {
            double[] x = chains[c];
            double acc = 0;
            for (int i = 0; i + lag < n; i++) {
                acc += (x[i] - means[c]) * (x[i + lag] - means[c]);
            }
            sum += acc / n; // biased autocovariance, as Stan
        }
        double autocov = sum / chains.length;
        return 1 - (w * (n - 1.0) / n - autocov) / varPlus;
    }

    private static double splitRhat(double[][] chains) {
        int n = chains[0].length;
        double[] means = new double[chains.length];
        double[] variances = new double[chains.length];
        for (int c = 0; c < chains.length; c++) {
            means[c] = mean(chains[c]);
            variances[c] = variance(chains[c], means[c]);
        }
        double w = mean(variances);
        double b = n * variance(means, mean(means));
        double varPlus = (n - 1.0) / n * w + b / n;
        return Math.sqrt(varPlus / w);
    }

    /** Each chain's first and second halves as two chains (an odd middle draw is dropped). */
    private static double[][] split(double[][] draws) {
        int half = draws[0].length / 2;
        double[][] out = new double[2 * draws.length][];
        for (int c = 0; c < draws.length; c++) {
            out[2 * c] = Arrays.copyOfRange(draws[c], 0, half);
            out[2 * c + 1] = Arrays.copyOfRange(draws[c], draws[c].length - half, draws[c].length);
        }
        return out;
    }

    /** Normal scores of the ranks among all draws: Φ⁻¹((r − 3/8) / (S + 1/4)), ties given their average rank. */
    static double[][] rankNormalised(double[][] chains) {
        int m = chains.length;
        int n = chains[0].length;
        int s = m * n;
        double[] all = new double[s];
        Integer[] order = new Integer[s];
        for (int c = 0; c < m; c++) {
            System.arraycopy(chains[c], 0, all, c * n, n);
        }
        for (int i = 0; i < s; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(all[a], all[b]));
        double[] ranks = new double[s];
        for (int i = 0; i < s; ) {
            int j = i;
            while (j + 1 < s && all[order[j + 1]] == all[order[i]]) {
                j++;
            }
            double average = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                ranks[order[k]] = average;
            }
            i = j + 1;
        }
        double[][] out = new double[m][n];
        for (int c = 0; c < m; c++) {
            for (int i = 0; i < n; i++) {
                out[c][i] = inverseNormal((ranks[c * n + i] - 0.375) / (s + 0.25));
            }
        }
        return out;
    }

    private static double median(double[][] chains) {
        double[] all = Arrays.stream(chains).flatMapToDouble(Arrays::stream).sorted().toArray();
        int s = all.length;
        return s % 2 == 1 ? all[s / 2] : (all[s / 2 - 1] + all[s / 2]) / 2;
    }

    private static double mean(double[] x) {
        double sum = 0;
        for (double v : x) {
            sum += v;
        }
        return sum / x.length;
    }

    private static double variance(double[] x, double mean) {
        double sum = 0;
        for (double v : x) {
            sum += (v - mean) * (v - mean);
        }
        return sum / Math.max(1, x.length - 1);
    }

    /** Φ⁻¹(p) by Acklam's rational approximation (relative error below 1.2e-9: plenty for normal scores of ranks). */
    static double inverseNormal(double p) {
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
                -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
                -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
                4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double x;
        if (p < 0.02425) {
            double q = Math.sqrt(-2 * Math.log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else if (p > 1 - 0.02425) {
            double q = Math.sqrt(-2 * Math.log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        } else {
            double q = p - 0.5;
            double r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                    / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }
        return x;
    }
}
