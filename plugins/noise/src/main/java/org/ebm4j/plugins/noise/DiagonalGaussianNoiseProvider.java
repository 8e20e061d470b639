package org.ebm4j.plugins.noise;

import com.typesafe.config.Config;
import java.util.Optional;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.noise.NoiseProvider;
import org.ebm4j.api.tensor.Tensor;
import org.pf4j.Extension;

/** {@code noise.type = diagonal-gaussian}: the data's mean and per-coordinate variances. */
@Extension
public class DiagonalGaussianNoiseProvider implements NoiseProvider {

    @Override
    public String name() {
        return "diagonal-gaussian";
    }

    @Override
    public String description() {
        return "Gaussian noise with the data's mean and per-coordinate variances (no correlations), widened by scale";
    }

    @Override
    public NoiseDistribution create(Config s, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        double scale = r.positiveDouble(s, "scale");
        r.throwIfAny();
        return new GaussianNoise(context.dimension(), true, scale, Optional.empty(), Optional.empty(), Tensor.DEFAULT_TYPE);
    }
}
