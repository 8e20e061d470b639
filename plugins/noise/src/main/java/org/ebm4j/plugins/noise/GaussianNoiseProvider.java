package org.ebm4j.plugins.noise;

import com.typesafe.config.Config;
import java.util.Optional;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.noise.NoiseProvider;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pf4j.Extension;

/** {@code noise.type = gaussian}: full covariance, fitted to the data or given. */
@Extension
public class GaussianNoiseProvider implements NoiseProvider {

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public String description() {
        return "Gaussian noise with the data's mean and full covariance (or given ones), widened by scale";
    }

    @Override
    public NoiseDistribution create(Config s, ComponentContext context) {
        int d = context.dimension();
        SettingsReader r = new SettingsReader();
        double scale = r.positiveDouble(s, "scale");
        double[] mean = r.doubles(s, "mean");
        double[][] covariance = r.matrix(s, "covariance");
        r.throwIfAny();
        Optional<INDArray> givenMean = Optional.empty();
        Optional<INDArray> givenCovariance = Optional.empty();
        if (mean.length != 0) {
            if (mean.length != d) {
                r.add(s, "mean", "has " + mean.length + " entries but the data has dimension " + d);
            } else {
                givenMean = Optional.of(Nd4j.createFromArray(mean).reshape(1, d));
            }
        }
        if (covariance.length != 0) {
            givenCovariance = Optional.ofNullable(r.positiveDefinite(s, "covariance", covariance, d));
        }
        r.throwIfAny();
        return new GaussianNoise(d, false, scale, givenMean, givenCovariance, Tensor.DEFAULT_TYPE);
    }
}
