package org.ebm4j.plugins.noise;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.noise.NoiseProvider;
import org.ebm4j.api.tensor.Tensor;
import org.pf4j.Extension;

/** {@code noise.type = empirical}: the training rows, drawn with replacement; a kernel density with a bandwidth. */
@Extension
public class EmpiricalNoiseProvider implements NoiseProvider {

    @Override
    public String name() {
        return "empirical";
    }

    @Override
    public String description() {
        return "The training rows drawn with replacement (chains that start at data); with bandwidth > 0 a Gaussian kernel density";
    }

    @Override
    public NoiseDistribution create(Config s, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        double bandwidth = r.nonNegativeDouble(s, "bandwidth");
        r.throwIfAny();
        return new EmpiricalNoise(context.dimension(), bandwidth, Tensor.DEFAULT_TYPE);
    }
}
