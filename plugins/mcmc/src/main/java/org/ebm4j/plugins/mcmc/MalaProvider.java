package org.ebm4j.plugins.mcmc;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerProvider;
import org.pf4j.Extension;

/** {@code sampler.type = mala}. */
@Extension
public class MalaProvider implements SamplerProvider {

    @Override
    public String name() {
        return "mala";
    }

    @Override
    public String description() {
        return "Metropolis-adjusted Langevin: the Langevin proposal with an MH correction, exact for any step; step size adapts in warm-up";
    }

    @Override
    public Sampler create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int steps = r.intAtLeast(settings, "steps", 1);
        double eps = r.positiveDouble(settings, "step-size");
        int warmup = r.intAtLeast(settings, "warmup", 0);
        double target = Acceptance.target(r, settings);
        r.throwIfAny();
        return new MetropolisAdjustedLangevin(steps, eps, warmup, target);
    }
}
