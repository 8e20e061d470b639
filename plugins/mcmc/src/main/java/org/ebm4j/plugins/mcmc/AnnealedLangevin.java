package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.NoiseConditionalEnergy;
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
 * Annealed Langevin dynamics (Song &amp; Ermon 2019): for σ_1 &gt; … &gt; σ_L (geometric), {@code T} ULA steps at each
 * level with step {@code ε_i = ε σ_i² / σ_L²}, using the score at noise level σ_i when the model is
 * {@link NoiseConditionalEnergy noise-conditional} (otherwise its one score at every level). Large early levels let
 * chains cross between modes, so mode weights come out right where fixed-step Langevin loses them.
 */
public final class AnnealedLangevin implements Sampler {

    private final double[] sigmas;
    private final int stepsPerLevel;
    private final double stepSize;

    public AnnealedLangevin(double sigmaMax, double sigmaMin, int levels, int stepsPerLevel, double stepSize) {
        this.sigmas = new double[levels];
        for (int i = 0; i < levels; i++) {
            sigmas[i] = levels == 1 ? sigmaMin : sigmaMax * Math.pow(sigmaMin / sigmaMax, i / (double) (levels - 1));
        }
        this.stepsPerLevel = stepsPerLevel;
        this.stepSize = stepSize;
    }

    /**
     * Refuses a plain energy: without E(x, σ) every level would use the same score, which is plain Langevin with
     * steps that grow with σ, not annealing (it used to run silently).
     */
    @Override
    public void check(EnergyModel model) {
        if (!(model instanceof NoiseConditionalEnergy)) {
            throw new org.ebm4j.api.ConfigException("type", "", "annealed Langevin needs a noise-conditional energy E(x, σ) "
                    + "(mlp with conditioning = scale or input, an analytic gaussian-mixture with fixed covariances), but this "
                    + "model is a plain energy, for which it would be plain Langevin with growing steps; use ula or mala");
        }
    }

    @Override
    public SampleResult sample(EnergyModel model, Tensor init, SamplerContext context) {
        double stepSize = context.stepSize(this.stepSize);
        ChainStatistics stats = new ChainStatistics();
        double last = sigmas[sigmas.length - 1];
        try (GradMode.Scope off = GradMode.off(); TensorScope outer = TensorScope.open()) {
            INDArray state = init.array().dup();
            Tensor x = Tensor.constant(state);
            long rows = x.rows();
            int total = sigmas.length * stepsPerLevel;
            int every = ChainStatistics.sampleEvery(total);
            int k = 0;
            for (double sigma : sigmas) {
                double eps = stepSize * sigma * sigma / (last * last);
                for (int t = 0; t < stepsPerLevel; t++) {
                    try (TensorScope ignored = TensorScope.open()) {
                        Tensor score = model instanceof NoiseConditionalEnergy conditional
                                ? conditional.score(x, Tensor.full(sigma, x.dataType(), rows, 1), false)
                                : model.score(x, false);
                        if (k % every == 0 || k == total - 1) {
                            stats.gradientNorm(score.square().sum(1).sqrt().mean().item());
                        }
                        k++;
                        Tensor z = context.random().normal(x.dataType(), x.shape());
                        Nd4j.exec(new Axpy(score.array(), state, state, 0.5 * eps)); // in place, as in ULA
                        Nd4j.exec(new Axpy(z.array(), state, state, Math.sqrt(eps)));
                    }
                }
            }
            double meanEnergy = model.energy(x).mean().item();
            return new SampleResult(x, stats.diagnostics(meanEnergy, sigmas.length * stepsPerLevel, stepSize));
        }
    }
}
