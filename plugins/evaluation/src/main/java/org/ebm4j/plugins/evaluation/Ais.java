package org.ebm4j.plugins.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.sampler.Sampler;

/**
 * The {@code ais} evaluator: fits the base to the training data, runs forward AIS (a stochastic lower bound on log Z)
 * and reverse AIS from test rows (an upper bound), and reports the test NLL bracket {@code mean E(x_test) + log Ẑ}:
 * {@code test-nll/lower} from the forward, {@code test-nll/upper} from the reverse estimate, each with its standard
 * error, the importance weights' effective sample size, and the seconds it took.
 */
final class Ais implements Evaluator {

    private final AnnealedImportanceSampling.Settings settings;
    private final NoiseDistribution base;
    private final Sampler transition;

    Ais(AnnealedImportanceSampling.Settings settings, NoiseDistribution base, Sampler transition) {
        this.settings = settings;
        this.base = base;
        this.transition = transition;
    }

    @Override
    public Evaluation evaluate(EvaluationContext ctx) {
        long t0 = System.nanoTime();
        base.fit(ctx.data(), ctx.random());
        AnnealedImportanceSampling.Result r = new AnnealedImportanceSampling(settings, base, transition)
                .run(ctx.model(), ctx.data().test(), ctx.random());
        TestEnergy test = TestEnergy.of(ctx.model(), ctx.data().test(), settings.chunk());
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("log-z", r.forward().logMean());
        m.put("log-z/se", r.forward().standardError());
        m.put("log-z/ess", r.forward().effectiveSampleSize());
        m.put("test-nll/lower", test.mean() + r.forward().logMean());
        m.put("test-nll/lower-se", Math.hypot(test.standardError(), r.forward().standardError()));
        if (r.reverse().isPresent()) {
            m.put("log-z/upper", r.upperLogZ());
            m.put("log-z/upper-se", r.reverse().get().standardError());
            m.put("test-nll/upper", test.mean() + r.upperLogZ());
            m.put("test-nll/upper-se", Math.hypot(test.standardError(), r.reverse().get().standardError()));
        }
        m.put("test-energy", test.mean());
        Map<String, Double> steps = AnnealedImportanceSampling.stepRange(r.tunedSteps());
        m.put("transition/step-min", steps.get("min"));
        m.put("transition/step-max", steps.get("max"));
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        return new Evaluation(m, List.of());
    }
}
