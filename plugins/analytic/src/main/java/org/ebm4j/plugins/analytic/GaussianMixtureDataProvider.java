package org.ebm4j.plugins.analytic;

import com.typesafe.config.Config;
import java.util.Arrays;
import java.util.List;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.DataSourceProvider;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Cholesky;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pf4j.Extension;

/**
 * {@code data.type = gaussian-mixture}: independent draws from a Gaussian mixture written in the experiment, in
 * any dimension (that of the means). With {@code model.type = gaussian-mixture} and the same numbers the model is
 * the data's exact density: a known target for samplers and objectives.
 */
@Extension
public class GaussianMixtureDataProvider implements DataSourceProvider {

    @Override
    public String name() {
        return "gaussian-mixture";
    }

    @Override
    public String description() {
        return "Draws from a Gaussian mixture sum_k w_k N(mu_k, Sigma_k) given by weights, means and covariances";
    }

    @Override
    public DataSource create(Config s, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        double[][] means = r.matrix(s, "means");
        int trainSize = r.intAtLeast(s, "train-size", 1);
        int testSize = r.intAtLeast(s, "test-size", 1);
        r.throwIfAny();
        if (means.length == 0) {
            r.add(s, "means", "is required: one mean (a list of numbers) per component");
            r.throwIfAny();
        }
        int d = means[0].length;
        if (d == 0 || Arrays.stream(means).anyMatch(m -> m.length != d)) {
            r.add(s, "means", "every mean needs the same, non-zero number of entries");
            r.throwIfAny();
        }
        int k = means.length;
        double[] weights = MixtureSettings.weights(r, s, k);
        List<INDArray> covariances = MixtureSettings.covariances(r, s, k, d);
        r.throwIfAny();
        INDArray mu = Nd4j.createFromArray(means).castTo(DataType.DOUBLE);
        List<INDArray> factorsT = covariances.stream().map(c -> Cholesky.lower(c).transpose().dup()).toList();
        // the data's exact density, in float64: evaluators take its score (Fisher divergence) and log-density
        List<INDArray> precisions = covariances.stream().map(org.ebm4j.api.tensor.Cholesky::inverseOf).toList();
        GaussianMixtureEnergy density = new GaussianMixtureEnergy(weights, mu, precisions, false, false, false, DataType.DOUBLE);
        return random -> new Dataset("gaussian-mixture",
                sample(weights, mu, factorsT, trainSize, random.split("train")),
                sample(weights, mu, factorsT, testSize, random.split("test")), java.util.Optional.of(density));
    }

    /** {@code n} draws {@code [n, d]} (float): a component per row by its weight, then {@code μ_k + L_k z}. */
    static INDArray sample(double[] weights, INDArray means, List<INDArray> factorsT, int n, RandomSource random) {
        int d = means.columns();
        INDArray z = random.normal(DataType.DOUBLE, n, d).array();
        INDArray x = Nd4j.zeros(DataType.DOUBLE, n, d);
        INDArray u = random.uniform(0, 1, DataType.DOUBLE, n, 1).array();
        double lower = 0;
        for (int c = 0; c < weights.length; c++) {
            double upper = c == weights.length - 1 ? Double.POSITIVE_INFINITY : lower + weights[c];
            INDArray member = u.gte(lower).castTo(DataType.DOUBLE).muli(u.lt(upper).castTo(DataType.DOUBLE));
            x.addi(z.mmul(factorsT.get(c)).addiRowVector(means.getRow(c)).muliColumnVector(member));
            lower = upper;
        }
        return x.castTo(Tensor.DEFAULT_TYPE);
    }
}
