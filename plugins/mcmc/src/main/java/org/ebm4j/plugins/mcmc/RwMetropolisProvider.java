package org.ebm4j.plugins.mcmc;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerProvider;
import org.pf4j.Extension;

/** {@code sampler.type = rw-metropolis}. */
@Extension
public class RwMetropolisProvider implements SamplerProvider {

    @Override
    public String name() {
        return "rw-metropolis";
    }

    @Override
    public String description() {
        return "Random-walk Metropolis x' = x + tau z, energies only; tau adapts in warm-up";
    }

    @Override
    public Sampler create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int steps = r.intAtLeast(settings, "steps", 1);
        double scale = r.positiveDouble(settings, "scale");
        int warmup = r.intAtLeast(settings, "warmup", 0);
        double target = Acceptance.target(r, settings);
        r.throwIfAny();
        return new RandomWalkMetropolis(steps, scale, warmup, target);
    }
}
