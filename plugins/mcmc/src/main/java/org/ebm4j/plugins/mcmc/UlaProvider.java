package org.ebm4j.plugins.mcmc;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerProvider;
import org.pf4j.Extension;

/** {@code sampler.type = ula}. */
@Extension
public class UlaProvider implements SamplerProvider {

    @Override
    public String name() {
        return "ula";
    }

    @Override
    public String description() {
        return "Unadjusted Langevin dynamics x' = x + (eps/2) s(x) + sqrt(eps T) z (T = temperature, 1: the model itself)";
    }

    @Override
    public Sampler create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int steps = r.intAtLeast(settings, "steps", 1);
        double eps = r.positiveDouble(settings, "step-size");
        double temperature = r.nonNegativeDouble(settings, "temperature");
        r.throwIfAny();
        return new UnadjustedLangevin(steps, eps, temperature);
    }
}
