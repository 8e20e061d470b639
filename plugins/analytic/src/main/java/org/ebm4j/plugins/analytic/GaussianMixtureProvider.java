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
        double[][] means = r.matrix(s, "means");
        int components = r.intAtLeast(s, "components", 1);
        double spread = r.positiveDouble(s, "init-spread");
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
        double[] weights = MixtureSettings.weights(r, s, k);
        List<INDArray> covariances = MixtureSettings.covariances(r, s, k, d);
        r.throwIfAny();
        List<INDArray> precisions = covariances.stream().map(org.ebm4j.api.tensor.Cholesky::inverseOf).toList();
        GaussianMixtureEnergy mixture = new GaussianMixtureEnergy(weights, mu, precisions, learnWeights, learnMeans, learnCovariances, Tensor.DEFAULT_TYPE);
        // fixed covariances: the exact blurred energies are cheap, so annealed Langevin gets the true E(x, σ)
        return learnCovariances ? mixture : new BlurredGaussianMixture(mixture, covariances, Tensor.DEFAULT_TYPE);
    }
}
