package org.ebm4j.plugins.nll2d;

import com.typesafe.config.Config;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.eval.EvaluatorProvider;
import org.pf4j.Extension;

/** {@code evaluators = [{ type = exact-nll-2d }]}. */
@Extension
public class ExactNll2dProvider implements EvaluatorProvider {

    @Override
    public String name() {
        return "exact-nll-2d";
    }

    @Override
    public String description() {
        return "Exact test NLL of 2-D models by grid integration, and density and sample pictures with marginals";
    }

    @Override
    public Evaluator create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int resolution = r.intAtLeast(settings, "resolution", 16);
        double margin = r.nonNegativeDouble(settings, "margin");
        double half = r.nonNegativeDouble(settings, "half-width");
        int samples = r.intAtLeast(settings, "samples", 0);
        boolean plots = r.bool(settings, "plots");
        double leakTolerance = r.nonNegativeDouble(settings, "leak-tolerance");
        boolean logDensity = r.bool(settings, "log-density");
        r.throwIfAny();
        if (context.dimension() != 2) {
            throw new ConfigException("type", SettingsReader.originOf(settings, "resolution"),
                    "exact-nll-2d integrates over a 2-D grid, but the data has dimension " + context.dimension()
                    + "; other evaluators work in any dimension (bin/ebm plugins)");
        }
        return new ExactNll2d(new ExactNll2d.Settings(resolution, margin, half, samples, plots, leakTolerance, logDensity));
    }
}
