package org.ebm4j.plugins.evaluation;

import com.typesafe.config.Config;
import java.util.List;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.eval.EvaluatorProvider;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.sampler.Sampler;
import org.pf4j.Extension;

/** {@code evaluators = [{ type = mmd }]}: MMD² between model samples and test data, with its floor and a p-value. */
@Extension
public class MmdProvider implements EvaluatorProvider {

    @Override
    public String name() {
        return "mmd";
    }

    @Override
    public String description() {
        return "Unbiased MMD² (RBF kernels, several bandwidths) between model samples and test data, with its noise floor and a permutation p-value";
    }

    @Override
    public Evaluator create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int samples = r.intAtLeast(settings, "samples", 4);
        List<String> bandwidths = r.read(settings, "bandwidths", () -> settings.getStringList("bandwidths"), List.of());
        for (String b : bandwidths) {
            if (!b.equals("median")) {
                try {
                    double h = Double.parseDouble(b);
                    if (!(h > 0) || Double.isInfinite(h)) {
                        r.add(settings, "bandwidths", "every bandwidth must be a number > 0 or median, got " + b);
                    }
                } catch (NumberFormatException e) {
                    r.add(settings, "bandwidths", "every bandwidth must be a number > 0 or median, got '" + b + "'");
                }
            }
        }
        if (bandwidths.isEmpty()) {
            r.add(settings, "bandwidths", "needs at least one bandwidth (a number > 0, or median)");
        }
        int permutations = r.intAtLeast(settings, "permutations", 0);
        r.throwIfAny();
        Sampler sampler = context.create(Sampler.class, "sampler");
        NoiseDistribution init = context.create(NoiseDistribution.class, "init");
        return new Mmd(new Mmd.Settings(samples, bandwidths, permutations), sampler, init);
    }
}
