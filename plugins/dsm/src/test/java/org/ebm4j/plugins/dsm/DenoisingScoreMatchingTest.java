package org.ebm4j.plugins.dsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.optim.Optimizer;
import org.ebm4j.api.optim.OptimizerSpec;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DenoisingScoreMatchingTest {

    /** E(x) = ½ Σ_j λ_j (x_j - μ_j)²: a diagonal Gaussian energy with learnable μ and λ (as log λ). */
    private static final class DiagonalGaussian implements EnergyModel {
        final Parameters p = Parameters.builder(DataType.DOUBLE).add("mu", 0.0, 1, 2).add("logLambda", 0.0, 1, 2)
                .build(RandomSource.seeded(0));

        @Override
        public Tensor energy(Tensor x) {
            return x.sub(p.get("mu")).square().mul(p.get("logLambda").exp()).sum(1).mul(0.5);
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public Parameters parameters() {
            return p;
        }
    }

    /**
     * For data N(μ, s²) the DSM optimum is the Gaussian with mean μ and precision 1/(s² + σ²) (docs/math.md: the bias
     * of DSM is known exactly). Full-batch training on 20,000 fixed points and fixed noise reaches it up to the
     * sampling error of those points: sd of the mean ≈ s/√n = 0.014, of the precision ≈ λ√(2/n) ≈ 0.004.
     */
    @Test
    void recoversTheMeanAndTheNoisedPrecisionOfAGaussian() {
        int n = 20_000;
        double sigma = 0.3;
        double[] mu = {1.0, -2.0};
        double[] sd = {2.0, 0.5};
        RandomSource rng = RandomSource.seeded(11);
        INDArray data = rng.normal(DataType.DOUBLE, n, 2).array().dup()
                .mulRowVector(Nd4j.createFromArray(sd)).addRowVector(Nd4j.createFromArray(mu));
        DiagonalGaussian model = new DiagonalGaussian();
        DenoisingScoreMatching dsm = new DenoisingScoreMatching(sigma);
        Optimizer adam = new Optimizer(OptimizerSpec.adam(0.05), List.of(model.parameters()));
        Batch batch = new Batch(Tensor.constant(data));
        for (int step = 0; step < 600; step++) {
            try (TensorScope ignored = TensorScope.open()) {
                // the same noise every step: the minimiser is then a fixed point that Adam reaches
                StepContext ctx = new StepContext(step, 600, RandomSource.seeded(5));
                var loss = dsm.losses(model, batch, ctx).losses().get(0);
                adam.step(Autograd.grad(loss.value(), adam.tensors(), false));
            }
        }
        double[] fittedMu = model.parameters().get("mu").toDoubleArray();
        double[] fittedLambda = model.parameters().get("logLambda").exp().toDoubleArray();
        for (int j = 0; j < 2; j++) {
            double expectedLambda = 1 / (sd[j] * sd[j] + sigma * sigma);
            assertThat(fittedMu[j]).as("mu[%d]", j).isCloseTo(mu[j], within(4 * sd[j] / Math.sqrt(n) + 0.01));
            assertThat(fittedLambda[j]).as("lambda[%d]", j).isCloseTo(expectedLambda, within(expectedLambda * (4 * Math.sqrt(2.0 / n) + 0.02)));
        }
    }
}
