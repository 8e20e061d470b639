package org.ebm4j.plugins.ssm;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Locale;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.pf4j.Extension;

/** {@code objective.type = ssm}. */
@Extension
public class SsmProvider implements ObjectiveProvider {

    @Override
    public String name() {
        return "ssm";
    }

    @Override
    public String description() {
        return "Sliced score matching (Song et al. 2019), optionally variance-reduced (SSM-VR)";
    }

    @Override
    public Objective create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        String projection = r.oneOf(settings, "projection", List.of("gaussian", "rademacher"));
        int m = r.intAtLeast(settings, "projections", 1);
        boolean vr = r.bool(settings, "variance-reduced");
        double dataNoise = r.nonNegativeDouble(settings, "data-noise");
        r.throwIfAny();
        return new SlicedScoreMatching(SlicedScoreMatching.Projection.valueOf(projection.toUpperCase(Locale.ROOT)), m, vr, dataNoise);
    }
}
