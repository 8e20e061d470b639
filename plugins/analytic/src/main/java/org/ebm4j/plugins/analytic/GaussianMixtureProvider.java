package org.ebm4j.plugins.analytic;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.EnergyModelProvider;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pf4j.Extension;

/** {@code model.type = gaussian-mixture}: a normalised Gaussian mixture energy, each part learnable or fixed. */
@Extension
public class GaussianMixtureProvider implements EnergyModelProvider {

    @Override
    public String name() {
        return "gaussian-mixture";
    }

    @Override
    public String description() {
        return "Gaussian mixture energy -log sum_k w_k N(x; mu_k, Sigma_k); weights, means, covariances learnable or fixed; log Z = 0";
    }

    @Override
    public EnergyModel create(Config s, ComponentContext context) {
        int d = context.dimension();
        SettingsReader r = new SettingsReader();
        double[][] means = HoconArrays.matrix(r, s, "means");
        int components = r.intAtLeast(s, "components", 1);
        double spread = r.positiveDouble(s, "init-spread");
        double[] weights = HoconArrays.vector(r, s, "weights");
        List<double[][]> covariances = HoconArrays.matrices(r, s, "covariances");
        boolean learnWeights = r.bool(s, "learn-weights");
        boolean learnMeans = r.bool(s, "learn-means");
        boolean learnCovariances = r.bool(s, "learn-covariances");
        r.throwIfAny();

        int k = means.length == 0 ? components : means.length;
        INDArray mu = null;
        if (means.length == 0) {
            mu = context.random().normal(DataType.DOUBLE, k, d).array().muli(spread);
        } else if (Arrays.stream(means).anyMatch(m -> m.length != d)) {
            r.add(s, "means", "every mean needs " + d + " entries (the data's dimension)");
        } else {
            mu = Nd4j.createFromArray(means).castTo(DataType.DOUBLE);
        }
        if (weights.length != 0) {
            double total = Arrays.stream(weights).sum();
            if (weights.length != k) {
                r.add(s, "weights", "has " + weights.length + " entries for " + k + " components");
            } else if (Arrays.stream(weights).anyMatch(w -> !(w > 0)) || Math.abs(total - 1.0) > 1e-6) {
                r.add(s, "weights", "must be positive and sum to 1, got " + Arrays.toString(weights));
            }
        }
        List<INDArray> precisions = new ArrayList<>();
        if (covariances.isEmpty()) {
            for (int i = 0; i < k; i++) {
                precisions.add(Nd4j.eye(d).castTo(DataType.DOUBLE));
            }
        } else if (covariances.size() != k) {
            r.add(s, "covariances", "has " + covariances.size() + " matrices for " + k + " components");
        } else {
            for (double[][] c : covariances) {
                if (!HoconArrays.isSquare(c, d)) {
                    r.add(s, "covariances", "every covariance must be a " + d + "x" + d + " matrix (list of rows)");
                    break;
                }
                INDArray sigma = HoconArrays.positiveDefinite(r, s, "covariances", c);
                if (sigma == null) {
                    break;
                }
                precisions.add(org.nd4j.linalg.inverse.InvertMatrix.invert(sigma, false));
            }
        }
        r.throwIfAny();
        double[] w = weights.length == 0 ? uniform(k) : weights;
        return new GaussianMixtureEnergy(w, mu, precisions, learnWeights, learnMeans, learnCovariances, Tensor.DEFAULT_TYPE);
    }

    private static double[] uniform(int k) {
        double[] w = new double[k];
        Arrays.fill(w, 1.0 / k);
        return w;
    }
}
