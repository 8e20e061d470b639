package org.ebm4j.plugins.dsm;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.pf4j.Extension;

/** {@code objective.type = dsm}: one σ by default, NCSN's geometric σ levels with {@code levels > 1}. */
@Extension
public class DsmProvider implements ObjectiveProvider {

    @Override
    public String name() {
        return "dsm";
    }

    @Override
    public String description() {
        return "Denoising score matching: one noise level sigma (Vincent 2011) or L geometric levels (NCSN)";
    }

    @Override
    public Objective create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int levels = r.intAtLeast(settings, "levels", 1);
        double sigma = r.positiveDouble(settings, "sigma");
        double max = r.positiveDouble(settings, "sigma-max");
        double min = r.positiveDouble(settings, "sigma-min");
        r.throwIfAny();
        if (levels == 1) {
            return new DenoisingScoreMatching(sigma);
        }
        if (!(max > min)) {
            r.add(settings, "sigma-max", "must be greater than sigma-min (" + min + ") when levels > 1, got " + max);
            r.throwIfAny();
        }
        return new DenoisingScoreMatching(NoiseLevels.geometric(max, min, levels));
    }
}
