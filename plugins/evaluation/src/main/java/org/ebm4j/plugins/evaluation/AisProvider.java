package org.ebm4j.plugins.evaluation;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.eval.EvaluatorProvider;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.sampler.Sampler;
import org.pf4j.Extension;

/** {@code evaluators = [{ type = ais }]}: log Z and the test NLL bracketed by forward and reverse AIS, in any dimension. */
@Extension
public class AisProvider implements EvaluatorProvider {

    @Override
    public String name() {
        return "ais";
    }

    @Override
    public String description() {
        return "Annealed importance sampling: log Z and the test NLL bracketed by forward (lower) and reverse (upper) AIS, any dimension";
    }

    @Override
    public Evaluator create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int temperatures = r.intAtLeast(settings, "temperatures", 1);
        String schedule = r.oneOf(settings, "schedule", Schedule.NAMES);
        int chains = r.intAtLeast(settings, "chains", 2);
        int tuneChains = r.intAtLeast(settings, "tune-chains", 1);
        int tuneEvery = r.intAtLeast(settings, "tune-every", 1);
        int reverse = r.intAtLeast(settings, "reverse-chains", 0);
        int chunk = r.intAtLeast(settings, "chunk", 1);
        r.throwIfAny();
        NoiseDistribution base = context.create(NoiseDistribution.class, "base");
        Sampler transition = context.create(Sampler.class, "transition");
        return new Ais(new AnnealedImportanceSampling.Settings(temperatures, schedule, chains, tuneChains, tuneEvery, reverse, chunk), base, transition);
    }
}
