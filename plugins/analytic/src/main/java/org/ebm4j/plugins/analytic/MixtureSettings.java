package org.ebm4j.plugins.analytic;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ebm4j.api.component.SettingsReader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@code weights} and {@code covariances} of a Gaussian mixture as the model and the data source both read
 * them: problems recorded against their key (a malformed list reads as empty, with its problem recorded), defaults
 * (equal weights, identities) for empty lists.
 */
final class MixtureSettings {

    private MixtureSettings() {}

    /** {@code k} positive weights summing to 1, equal if the list is empty; {@code null} after a recorded problem. */
    static double[] weights(SettingsReader r, Config s, int k) {
        double[] weights = r.doubles(s, "weights");
        if (weights.length == 0) {
            double[] w = new double[k];
            Arrays.fill(w, 1.0 / k);
            return w;
        }
        if (weights.length != k) {
            r.add(s, "weights", "has " + weights.length + " entries for " + k + " components");
            return null;
        }
        if (Arrays.stream(weights).anyMatch(w -> !(w > 0)) || Math.abs(Arrays.stream(weights).sum() - 1.0) > 1e-6) {
            r.add(s, "weights", "must be positive and sum to 1, got " + Arrays.toString(weights));
            return null;
        }
        return weights;
    }

    /** {@code k} symmetric positive-definite {@code d×d} covariances, identities if the list is empty; {@code null} after a problem. */
    static List<INDArray> covariances(SettingsReader r, Config s, int k, int d) {
        List<double[][]> given = r.matrices(s, "covariances");
        List<INDArray> out = new ArrayList<>();
        if (given.isEmpty()) {
            for (int i = 0; i < k; i++) {
                out.add(Nd4j.eye(d).castTo(DataType.DOUBLE));
            }
            return out;
        }
        if (given.size() != k) {
            r.add(s, "covariances", "has " + given.size() + " matrices for " + k + " components");
            return null;
        }
        for (double[][] c : given) {
            INDArray sigma = r.positiveDefinite(s, "covariances", c, d);
            if (sigma == null) {
                return null;
            }
            out.add(sigma);
        }
        return out;
    }
}
