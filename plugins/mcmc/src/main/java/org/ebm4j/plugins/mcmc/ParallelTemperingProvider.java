package org.ebm4j.plugins.mcmc;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerProvider;
import org.pf4j.Extension;

/** {@code sampler.type = parallel-tempering}. */
@Extension
public class ParallelTemperingProvider implements SamplerProvider {

    @Override
    public String name() {
        return "parallel-tempering";
    }

    @Override
    public String description() {
        return "Parallel tempering: MALA replicas on a geometric temperature ladder with swaps between neighbours; keeps mode weights";
    }

    @Override
    public Sampler create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int steps = r.intAtLeast(settings, "steps", 0);
        int replicas = r.intAtLeast(settings, "replicas", 1);
        double maxTemperature = r.positiveDouble(settings, "max-temperature");
        if (maxTemperature < 1) {
            r.add(settings, "max-temperature", "must be at least 1 (the coldest replica is at 1), got " + maxTemperature);
        }
        double step = r.positiveDouble(settings, "step-size");
        int warmup = r.intAtLeast(settings, "warmup", 0);
        double target = r.positiveDouble(settings, "target-acceptance");
        if (target >= 1) {
            r.add(settings, "target-acceptance", "is a rate below 1, got " + target);
        }
        r.throwIfAny();
        return new ParallelTempering(steps, replicas, maxTemperature, step, warmup, target);
    }
}
