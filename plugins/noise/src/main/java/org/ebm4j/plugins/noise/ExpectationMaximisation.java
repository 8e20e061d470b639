package org.ebm4j.plugins.noise;

import java.util.ArrayList;
import java.util.List;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Maximum likelihood for a K-component Gaussian mixture by EM (Dempster, Laird &amp; Rubin 1977), in double
 * precision and vectorised over the rows: means start at k-means++ seeds (Arthur &amp; Vassilvitskii 2007), a ridge
 * {@code ε·mean variance·I} keeps every covariance positive definite, and iteration stops when the mean
 * log-likelihood gains less than {@code tolerance}.
 */
record ExpectationMaximisation(int components, int maxIterations, double tolerance, double ridge) {

    /** The fitted mixture and how the fit went. */
    record Fit(double[] weights, INDArray means, List<INDArray> covariances, int iterations, double logLikelihood) {}

    Fit fit(INDArray x, RandomSource random) {
        int n = x.rows();
        int d = x.columns();
        if (n < components) {
            throw new IllegalArgumentException("EM needs at least as many rows as components: " + n + " rows, " + components + " components");
        }
        INDArray centred = x.subRowVector(x.mean(true, 0));
        double floor = ridge * Math.max(1e-12, centred.mul(centred).sumNumber().doubleValue() / ((double) n * d));
        INDArray means = seeds(x, random);
        INDArray resp = hardAssignment(x, means);
        double[] weights = new double[components];
        List<INDArray> covariances = new ArrayList<>();
        double previous = Double.NEGATIVE_INFINITY;
        double logLikelihood = Double.NEGATIVE_INFINITY;
        int iteration = 0;
        while (true) {
            // M-step from the responsibilities
            INDArray nk = resp.sum(0).addi(1e-12);                                  // [K]
            means = resp.transpose().mmul(x).diviColumnVector(nk.reshape(components, 1));
            covariances.clear();
            for (int k = 0; k < components; k++) {
                INDArray diff = x.subRowVector(means.getRow(k));
                INDArray weighted = diff.mulColumnVector(resp.getColumn(k).reshape(n, 1));
                covariances.add(weighted.transpose().mmul(diff).divi(nk.getDouble(k))
                        .addi(Nd4j.eye(d).castTo(DataType.DOUBLE).muli(floor)));
                weights[k] = nk.getDouble(k) / n;
            }
            if (iteration == maxIterations) {
                break;
            }
            // E-step: log w_k N(x; μ_k, Σ_k), normalised per row by log-sum-exp
            INDArray logJoint = Nd4j.zeros(DataType.DOUBLE, n, components);
            for (int k = 0; k < components; k++) {
                INDArray logDensity = new GaussianComponent(means.getRow(k), covariances.get(k), DataType.DOUBLE)
                        .logDensity(Tensor.constant(x)).array();
                logJoint.putColumn(k, logDensity.reshape(n).addi(Math.log(weights[k])));
            }
            INDArray max = logJoint.max(1).reshape(n, 1);
            INDArray logNorm = Transforms.log(Transforms.exp(logJoint.subColumnVector(max), true).sum(1).reshape(n, 1), false).addi(max);
            resp = Transforms.exp(logJoint.subColumnVector(logNorm), false);
            logLikelihood = logNorm.meanNumber().doubleValue();
            iteration++;
            if (logLikelihood - previous < tolerance) {
                break;
            }
            previous = logLikelihood;
        }
        return new Fit(weights, means, List.copyOf(covariances), iteration, logLikelihood);
    }

    /** k-means++: the first seed a random row, each next one a row drawn with probability ∝ its squared distance to the nearest seed. */
    private INDArray seeds(INDArray x, RandomSource random) {
        int n = x.rows();
        INDArray means = Nd4j.zeros(DataType.DOUBLE, components, x.columns());
        means.putRow(0, x.getRow(random.nextInt(n)));
        INDArray nearest = Nd4j.valueArrayOf(new long[] {n}, Double.POSITIVE_INFINITY, DataType.DOUBLE);
        for (int k = 1; k < components; k++) {
            INDArray diff = x.subRowVector(means.getRow(k - 1));
            nearest = Transforms.min(nearest, diff.mul(diff).sum(1), false);
            double[] cumulative = nearest.toDoubleVector();
            for (int i = 1; i < n; i++) {
                cumulative[i] += cumulative[i - 1];
            }
            double u = random.nextDouble() * cumulative[n - 1];
            int pick = java.util.Arrays.binarySearch(cumulative, u);
            means.putRow(k, x.getRow(Math.min(n - 1, pick < 0 ? -pick - 1 : pick)));
        }
        return means;
    }

    /** Responsibilities 1 for each row's nearest seed. */
    private INDArray hardAssignment(INDArray x, INDArray means) {
        int n = x.rows();
        INDArray distances = Nd4j.zeros(DataType.DOUBLE, n, components);
        for (int k = 0; k < components; k++) {
            INDArray diff = x.subRowVector(means.getRow(k));
            distances.putColumn(k, diff.mul(diff).sum(1));
        }
        INDArray resp = Nd4j.zeros(DataType.DOUBLE, n, components);
        INDArray best = Nd4j.argMin(distances, 1);
        for (int i = 0; i < n; i++) {
            resp.putScalar(i, best.getInt(i), 1.0);
        }
        return resp;
    }
}
