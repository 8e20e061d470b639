package org.ebm4j.plugins.noise;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.noise.NoiseProvider;
import org.ebm4j.api.tensor.Tensor;
import org.pf4j.Extension;

/** {@code noise.type = uniform}: the data's box widened by a margin. */
@Extension
public class UniformNoiseProvider implements NoiseProvider {

    @Override
    public String name() {
        return "uniform";
    }

    @Override
    public String description() {
        return "Uniform noise on the data's bounding box widened by margin";
    }

    @Override
    public NoiseDistribution create(Config s, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        double margin = r.nonNegativeDouble(s, "margin");
        r.throwIfAny();
        return new UniformNoise(context.dimension(), margin, Tensor.DEFAULT_TYPE);
    }
}
