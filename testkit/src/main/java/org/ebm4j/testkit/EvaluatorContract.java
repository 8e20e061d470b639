package org.ebm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The contract of an evaluator: on a small model and the standard data, with a short Langevin sampler as the run's
 * sampler, every metric it reports is finite, and the same seed gives the same metrics. Timings (metrics whose name
 * ends in {@code seconds}) are diagnostics: reported, not compared.
 */
public abstract class EvaluatorContract extends ComponentContract<Evaluator> {

    @Override
    protected final String kind() {
        return "evaluator";
    }

    private Evaluation evaluate(Evaluator evaluator, long seed) {
        try {
            Path out = Files.createTempDirectory("evaluator-contract");
            try (GradMode.Scope off = GradMode.off(); RandomSource random = RandomSource.seeded(seed)) {
                return evaluator.evaluate(new EvaluationContext(ContractSupport.tinyEnergy(dimension(), 2),
                        ContractSupport.standardData(dimension(), 1), 10, true, out, Optional.of(langevin()), random));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The run's sampler the contract hands evaluators: 50 steps of unadjusted Langevin with step 0.05. */
    private static Sampler langevin() {
        return (model, init, context) -> {
            try (GradMode.Scope off = GradMode.off()) {
                Tensor x = init;
                for (int k = 0; k < 50; k++) {
                    Tensor z = context.random().normal(x.dataType(), x.shape());
                    x = Tensor.constant(x.add(model.score(x, false).mul(0.025)).add(z.mul(Math.sqrt(0.05))).array().dup());
                }
                return new SampleResult(x, java.util.Map.of("steps", 50.0, "step-size", 0.05));
            }
        };
    }

    /** Whether {@code metric} is a timing, reported but not expected to repeat. */
    protected static boolean isTiming(String metric) {
        return metric.endsWith("seconds"); // seconds, sampling-seconds, fit/seconds

    }

    @Override
    protected double[] fingerprint(Evaluator evaluator, long seed) {
        return evaluate(evaluator, seed).metrics().entrySet().stream().filter(e -> !isTiming(e.getKey()))
                .mapToDouble(java.util.Map.Entry::getValue).toArray();
    }

    @Test
    void everyMetricIsFinite() {
        Evaluation e = evaluate(create(1), 3);
        assertThat(e.metrics()).as("metrics").isNotEmpty();
        e.metrics().forEach((k, v) -> assertThat(v).as("metric '%s'", k).isFinite());
    }
}
