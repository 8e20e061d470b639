package org.ebm4j.plugins.noise;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.noise.NoiseProvider;
import org.ebm4j.api.tensor.Tensor;
import org.pf4j.Extension;

/** {@code noise.type = gaussian-mixture}: K full-covariance components fitted by EM from the run's seed. */
@Extension
public class MixtureNoiseProvider implements NoiseProvider {

    @Override
    public String name() {
        return "gaussian-mixture";
    }

    @Override
    public String description() {
        return "Gaussian mixture noise with K full-covariance components fitted to the data by EM (k-means++ seeds)";
    }

    @Override
    public NoiseDistribution create(Config s, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int k = r.intAtLeast(s, "components", 1);
        int iterations = r.intAtLeast(s, "max-iterations", 1);
        double tolerance = r.nonNegativeDouble(s, "tolerance");
        double ridge = r.nonNegativeDouble(s, "ridge");
        r.throwIfAny();
        return new MixtureNoise(context.dimension(), new ExpectationMaximisation(k, iterations, tolerance, ridge), Tensor.DEFAULT_TYPE);
    }
}
