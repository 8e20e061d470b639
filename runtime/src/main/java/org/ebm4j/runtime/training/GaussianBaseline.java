package org.ebm4j.runtime.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.ebm4j.api.tensor.Cholesky;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The simplest density worth beating: a Gaussian with the training rows' mean and covariance, scored on the test rows.
 * A model whose test NLL is worse than it has not learned the data (a learning rate too large, too few steps, a
 * degenerate objective), however its loss looks; the run then ends with a warning instead of passing for a result.
 */
public final class GaussianBaseline {

    /** The metrics that estimate the test NLL itself (or bound it from below). */
    static final List<String> NLL_METRICS = List.of("test-nll", "test-nll/lower");

    private GaussianBaseline() {}

    /** The Gaussian's mean NLL (nats) of the test rows, if its covariance can be factored. */
    public static OptionalDouble testNll(INDArray train, INDArray test) {
        if (train.rows() < 2 || test.rows() < 1) {
            return OptionalDouble.empty();
        }
        INDArray x = train.castTo(DataType.DOUBLE);
        INDArray mean = x.mean(0);
        INDArray centred = x.subRowVector(mean);
        INDArray cov = centred.transpose().mmul(centred).divi(x.rows() - 1);
        int d = (int) cov.rows();
        double ridge = 1e-9 * Math.max(org.nd4j.linalg.factory.Nd4j.diag(cov).meanNumber().doubleValue(), 1e-300);
        for (int i = 0; i < d; i++) {
            cov.putScalar(i, i, cov.getDouble(i, i) + ridge); // constant columns: a tiny variance, not a singular matrix
        }
        INDArray lower;
        try {
            lower = Cholesky.lower(cov);
        } catch (IllegalArgumentException e) {
            return OptionalDouble.empty();
        }
        double logDet = 0;
        for (int i = 0; i < d; i++) {
            logDet += Math.log(lower.getDouble(i, i));
        }
        INDArray whitened = test.castTo(DataType.DOUBLE).subRowVector(mean).mmul(Cholesky.lowerInverse(lower).transpose());
        double quad = whitened.mul(whitened).sum(1).meanNumber().doubleValue();
        return OptionalDouble.of(0.5 * d * Math.log(2 * Math.PI) + logDet + 0.5 * quad);
    }

    /** A warning for each evaluator's NLL metric worse than {@code baseline}, by label. */
    public static Map<String, List<String>> warnings(Map<String, Map<String, Double>> evaluation, double baseline) {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        evaluation.forEach((label, metrics) -> {
            List<String> found = new ArrayList<>();
            for (String key : NLL_METRICS) {
                Double v = metrics.get(key);
                if (v != null && (Double.isNaN(v) || v > baseline + Math.max(0.5, 0.01 * Math.abs(baseline)))) {
                    found.add(String.format(Locale.ROOT, "%s = %.4f is worse than a Gaussian fitted to the training rows (%.4f "
                            + "nats): the model has not learned the data (learning rate too large? too few steps?)", key, v, baseline));
                }
            }
            if (!found.isEmpty()) {
                out.put(label, found);
            }
        });
        return out;
    }
}
