package org.ebm4j.plugins.cd;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Locale;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.ebm4j.api.sampler.Sampler;
import org.pf4j.Extension;

/** {@code objective.type = cd}. */
@Extension
public class CdProvider implements ObjectiveProvider {

    @Override
    public String name() {
        return "cd";
    }

    @Override
    public String description() {
        return "Contrastive divergence: CD-k, PCD with a replay buffer, or short-run; negatives from any sampler by name";
    }

    @Override
    public Objective create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        String mode = r.oneOf(settings, "mode", List.of("cd", "pcd", "short-run"));
        double alpha = r.nonNegativeDouble(settings, "alpha");
        int bufferSize = r.intAtLeast(settings, "buffer-size", 1);
        double reinit = r.nonNegativeDouble(settings, "reinit");
        if (reinit > 1) {
            r.add(settings, "reinit", "is a probability, at most 1, got " + reinit);
        }
        r.throwIfAny();
        Sampler sampler = context.create(Sampler.class, "sampler");
        NoiseDistribution init = context.create(NoiseDistribution.class, "init");
        return new ContrastiveDivergence(ContrastiveDivergence.Mode.valueOf(mode.replace('-', '_').toUpperCase(Locale.ROOT)),
                sampler, alpha, bufferSize, reinit, init);
    }
}
