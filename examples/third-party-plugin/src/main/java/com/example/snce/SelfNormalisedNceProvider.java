package com.example.snce;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.pf4j.Extension;

/** {@code objective.type = self-normalised-nce}. */
@Extension
public class SelfNormalisedNceProvider implements ObjectiveProvider {

    @Override
    public String name() {
        return "self-normalised-nce";
    }

    @Override
    public String description() {
        return "NCE with the normaliser fixed at 0, so the energy learns to be normalised; diagonal Gaussian noise";
    }

    @Override
    public Objective create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int ratio = r.intAtLeast(settings, "noise-ratio", 1);
        double scale = r.positiveDouble(settings, "noise-scale");
        r.throwIfAny();   // every problem at once, each with its key, file and line
        return new SelfNormalisedNce(ratio, scale);
    }
}
