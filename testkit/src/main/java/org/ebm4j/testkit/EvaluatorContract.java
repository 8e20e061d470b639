package org.ebm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.GradMode;
import org.junit.jupiter.api.Test;

/** The contract of an evaluator: on a small model and the standard data, every metric it reports is finite. */
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
                        ContractSupport.standardData(dimension(), 1), 10, true, out, Optional.empty(), random));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    protected double[] fingerprint(Evaluator evaluator, long seed) {
        return evaluate(evaluator, seed).metrics().values().stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Test
    void everyMetricIsFinite() {
        Evaluation e = evaluate(create(1), 3);
        assertThat(e.metrics()).as("metrics").isNotEmpty();
        e.metrics().forEach((k, v) -> assertThat(v).as("metric '%s'", k).isFinite());
    }
}
