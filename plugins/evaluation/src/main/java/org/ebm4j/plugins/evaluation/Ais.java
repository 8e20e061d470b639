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

    /** Below this share of the chains, the forward weights are dominated by a few and its standard error is not trusted. */
    private static final double LOW_ESS = 0.1;

    private final AnnealedImportanceSampling.Settings settings;
    private final NoiseDistribution base;
    private final Sampler transition;

    Ais(AnnealedImportanceSampling.Settings settings, NoiseDistribution base, Sampler transition) {
        this.settings = settings;
        this.base = base;
        this.transition = transition;
    }

    /** What the numbers cannot be trusted for: degenerate weights, or a bracket whose ends are the wrong way round. */
    private List<String> warnings(AnnealedImportanceSampling.Result r) {
        List<String> w = new java.util.ArrayList<>();
        double ess = r.forward().effectiveSampleSize();
        if (ess < LOW_ESS * settings.chains()) {
            w.add(String.format(java.util.Locale.ROOT, "the forward AIS weights are degenerate (effective sample size %.1f of %d "
                    + "chains): log Z is likely underestimated by more than its standard error; use more temperatures, more "
                    + "transition steps, or a base closer to the model (base = flow-noise)", ess, settings.chains()));
        }
        if (r.reverse().isPresent()) {
            double gap = r.forward().logMean() - r.reverse().get().upperLogZ();
            double noise = 3 * (r.forward().standardError() + r.reverse().get().standardError());
            if (gap > noise) {
                w.add(String.format(java.util.Locale.ROOT, "the reverse AIS estimate (%.4f) lies %.4f nats below the forward one "
                        + "(%.4f), so this is not a bracket: the test rows the reverse pass starts from are not draws of the model "
                        + "(it fits them poorly), or the path needs more temperatures", r.reverse().get().upperLogZ(), gap, r.forward().logMean()));
            }
        }
        return w;
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
            m.put("log-z/upper", r.reverse().get().upperLogZ());
            m.put("log-z/upper-se", r.reverse().get().standardError());
            m.put("test-nll/upper", test.mean() + r.reverse().get().upperLogZ());
            m.put("test-nll/upper-se", Math.hypot(test.standardError(), r.reverse().get().standardError()));
        }
        m.put("test-energy", test.mean());
        Map<String, Double> steps = AnnealedImportanceSampling.stepRange(r.tunedSteps());
        m.put("transition/step-min", steps.get("min"));
        m.put("transition/step-max", steps.get("max"));
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        return new Evaluation(m, List.of(), warnings(r));
    }
}
