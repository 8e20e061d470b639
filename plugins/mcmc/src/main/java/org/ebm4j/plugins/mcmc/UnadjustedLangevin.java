package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.Axpy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Unadjusted Langevin dynamics: {@code x' = x + (ε/2) s(x) + √ε z}. Exact only as ε → 0 and steps → ∞ (on N(0, 1)
 * its stationary variance is {@code 1 / (1 - ε/4)}); MALA corrects the bias. All chains move in one array.
 */
public final class UnadjustedLangevin implements Sampler {

    private final int steps;
    private final double stepSize;
    private final double temperature;

    public UnadjustedLangevin(int steps, double stepSize) {
        this(steps, stepSize, 1.0);
    }

    /**
     * Langevin dynamics of {@code exp(−E/T)}: {@code x' = x + (ε/2) s(x) + √(εT) z}. {@code T < 1} is the "cold" sampler
     * image EBMs train with (Du & Mordatch 2019; Nijkamp et al. 2019 scale the noise down the same way): it samples a
     * sharpened model, not the model.
     */
    public UnadjustedLangevin(int steps, double stepSize, double temperature) {
        this.steps = steps;
        this.stepSize = stepSize;
        this.temperature = temperature;
    }

    @Override
    public SampleResult sample(EnergyModel model, Tensor init, SamplerContext context) {
        double stepSize = context.stepSize(this.stepSize);
        double noise = Math.sqrt(stepSize * temperature);
        ChainStatistics stats = new ChainStatistics();
        try (GradMode.Scope off = GradMode.off(); TensorScope outer = TensorScope.open()) {
            INDArray state = init.array().dup(); // one buffer, updated in place each step: memory stays flat
            Tensor x = Tensor.constant(state);
            int every = ChainStatistics.sampleEvery(steps);
            for (int k = 0; k < steps; k++) {
                try (TensorScope ignored = TensorScope.open()) {
                    Tensor score = model.score(x, false);
                    if (k % every == 0 || k == steps - 1) {
                        stats.gradientNorm(score.square().sum(1).sqrt().mean().item());
                    }
                    Tensor z = context.random().normal(x.dataType(), x.shape());
                    // x += (ε/2) s + √ε z, in place: two calls instead of four allocating ones and a copy
                    Nd4j.exec(new Axpy(score.array(), state, state, 0.5 * stepSize));
                    Nd4j.exec(new Axpy(z.array(), state, state, noise));
                }
            }
            double meanEnergy = model.energy(x).mean().item();
            return new SampleResult(x, stats.diagnostics(meanEnergy, steps, stepSize));
        }
    }
}
