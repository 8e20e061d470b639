package org.ebm4j.plugins.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.optim.Optimizer;
import org.ebm4j.api.optim.OptimizerSpec;
import org.ebm4j.api.optim.ScheduleSpec;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

/**
 * A known-answer problem: {@code n} samples of {@code N(μ, Σ)} in {@code d} dimensions, a {@link GaussianEnergy} fitted
 * to them by an objective, and assertions that the fit recovers μ and Λ = Σ⁻¹ within a tolerance that follows from
 * the sample size: the maximum-likelihood (and exact-SM) estimates have standard errors {@code √(Σ_ii / n)} for
 * {@code μ_i} and, asymptotically for Gaussian data, {@code √((Λ_ii Λ_jj + Λ_ij²) / n)} for {@code Λ_ij}.
 */
public record GaussianProblem(int d, int n, INDArray mean, INDArray covariance, INDArray data) {

    /** A well-conditioned random Σ = AAᵀ with A = I + 0.15 G, μ spread over [-1, 1]. */
    public static GaussianProblem draw(int d, int n, long seed) {
        RandomSource rng = RandomSource.seeded(seed);
        INDArray a = rng.normal(DataType.DOUBLE, d, d).array().dup().muli(0.15).addi(Nd4j.eye(d).castTo(DataType.DOUBLE));
        INDArray mean = Nd4j.linspace(-1, 1, d, DataType.DOUBLE);
        INDArray data = rng.normal(DataType.DOUBLE, n, d).array().mmul(a.transpose()).addiRowVector(mean);
        return new GaussianProblem(d, n, mean, a.mmul(a.transpose()), data);
    }

    public INDArray precision() {
        return InvertMatrix.invert(covariance, false);
    }

    /**
     * Fits a {@code GaussianEnergy} started at {@code N(0, I)} (and the objective's own parameters) by full-batch Adam with an exponentially decaying rate:
     * the decay averages out the objective's own noise (projections, denoising draws).
     */
    public GaussianEnergy fit(Objective objective, int steps, double learningRate, long seed) {
        GaussianEnergy model = new GaussianEnergy(Nd4j.zeros(DataType.DOUBLE, d), Nd4j.eye(d).castTo(DataType.DOUBLE), true, true, DataType.DOUBLE);
        double gamma = Math.pow(1e-2, 1.0 / steps); // the rate falls 100-fold over the run
        List<Parameters> groups = new ArrayList<>(List.of(model.parameters()));
        objective.parameterGroups().values().stream().filter(p -> !p.isEmpty()).forEach(groups::add); // NCE's c
        List<Optimizer> optimizers = groups.stream().map(p -> new Optimizer(OptimizerSpec.adam(learningRate)
                .withSchedule(new ScheduleSpec("exponential", Map.of("gamma", gamma))), List.of(p))).toList();
        List<Tensor> all = groups.stream().flatMap(p -> p.tensors().stream()).toList();
        Batch batch = new Batch(Tensor.constant(data));
        RandomSource rng = RandomSource.seeded(seed);
        objective.prepare(new Dataset("gaussian", data, data), rng);
        for (int step = 0; step < steps; step++) {
            try (TensorScope ignored = TensorScope.open()) {
                Tensor loss = objective.losses(model, batch, new StepContext(step, steps, rng)).losses().get(0).value();
                List<Tensor> grads = Autograd.grad(loss, all, false);
                int from = 0;
                for (int g = 0; g < groups.size(); g++) {
                    int count = groups.get(g).count();
                    optimizers.get(g).step(grads.subList(from, from + count));
                    from += count;
                }
            }
        }
        return model;
    }

    /** Asserts {@code |μ̂_i - μ_i| ≤ k·se} and {@code |Λ̂_ij - target_ij| ≤ k·se} for every entry. */
    public void assertRecovers(GaussianEnergy model, INDArray targetPrecision, double k) {
        double[] mu = model.meanValues();
        for (int i = 0; i < d; i++) {
            double se = Math.sqrt(covariance.getDouble(i, i) / n);
            assertThat(mu[i]).as("mean[%d] (se %.4f)", i, se).isCloseTo(mean.getDouble(i), within(k * se));
        }
        INDArray fitted = model.precision();
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                double lii = targetPrecision.getDouble(i, i);
                double ljj = targetPrecision.getDouble(j, j);
                double lij = targetPrecision.getDouble(i, j);
                double se = Math.sqrt((lii * ljj + lij * lij) / n);
                assertThat(fitted.getDouble(i, j)).as("precision[%d,%d] (se %.4f)", i, j, se).isCloseTo(lij, within(k * se));
            }
        }
    }
}
