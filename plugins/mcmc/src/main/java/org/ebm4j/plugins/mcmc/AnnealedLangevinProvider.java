package org.ebm4j.plugins.mcmc;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerProvider;
import org.pf4j.Extension;

/** {@code sampler.type = annealed-langevin}. */
@Extension
public class AnnealedLangevinProvider implements SamplerProvider {

    @Override
    public String name() {
        return "annealed-langevin";
    }

    @Override
    public String description() {
        return "Annealed Langevin (NCSN): ULA at geometric noise levels, step scaled by sigma^2; uses the noise-conditional score where the model has one";
    }

    @Override
    public Sampler create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        double max = r.positiveDouble(settings, "sigma-max");
        double min = r.positiveDouble(settings, "sigma-min");
        int levels = r.intAtLeast(settings, "levels", 1);
        int steps = r.intAtLeast(settings, "steps-per-level", 1);
        double eps = r.positiveDouble(settings, "step-size");
        r.throwIfAny();
        if (levels > 1 && !(max > min)) {
            r.add(settings, "sigma-max", "must be greater than sigma-min (" + min + ") when levels > 1, got " + max);
            r.throwIfAny();
        }
        return new AnnealedLangevin(max, min, levels, steps, eps);
    }
}
