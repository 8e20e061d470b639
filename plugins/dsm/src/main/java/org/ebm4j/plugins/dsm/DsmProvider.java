package org.ebm4j.plugins.dsm;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.pf4j.Extension;

/** {@code objective.type = dsm}. */
@Extension
public class DsmProvider implements ObjectiveProvider {

    @Override
    public String name() {
        return "dsm";
    }

    @Override
    public String description() {
        return "Denoising score matching with one noise level sigma (Vincent 2011)";
    }

    @Override
    public Objective create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        double sigma = r.positiveDouble(settings, "sigma");
        r.throwIfAny();
        return new DenoisingScoreMatching(sigma);
    }
}
