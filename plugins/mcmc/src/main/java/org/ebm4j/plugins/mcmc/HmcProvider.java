package org.ebm4j.plugins.mcmc;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerProvider;
import org.pf4j.Extension;

/** {@code sampler.type = hmc}. */
@Extension
public class HmcProvider implements SamplerProvider {

    @Override
    public String name() {
        return "hmc";
    }

    @Override
    public String description() {
        return "Hamiltonian Monte Carlo: leapfrog steps with momentum refresh and an MH correction; step size adapts in warm-up";
    }

    @Override
    public Sampler create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int steps = r.intAtLeast(settings, "steps", 1);
        int leapfrog = r.intAtLeast(settings, "leapfrog-steps", 1);
        double eps = r.positiveDouble(settings, "step-size");
        int warmup = r.intAtLeast(settings, "warmup", 0);
        double target = Acceptance.target(r, settings);
        r.throwIfAny();
        return new HamiltonianMonteCarlo(steps, leapfrog, eps, warmup, target);
    }
}
