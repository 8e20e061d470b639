package org.ebm4j.plugins.exactsm;

import com.typesafe.config.Config;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.pf4j.Extension;

/** {@code objective.type = exact-sm}. */
@Extension
public class ExactSmProvider implements ObjectiveProvider {

    @Override
    public String name() {
        return "exact-sm";
    }

    @Override
    public String description() {
        return "Exact score matching (Hyvarinen 2005): one extra backward pass per dimension";
    }

    @Override
    public Objective create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int max = r.intAtLeast(settings, "max-dimension", 1);
        r.throwIfAny();
        if (context.dimension() > max) {
            throw new ConfigException("max-dimension", SettingsReader.originOf(settings, "max-dimension"),
                    "exact score matching costs one backward pass per dimension; the data has dimension " + context.dimension()
                    + " > " + max + ". Use objective.type = ssm (two passes whatever d) or dsm, or raise max-dimension");
        }
        return new ExactScoreMatching();
    }
}
