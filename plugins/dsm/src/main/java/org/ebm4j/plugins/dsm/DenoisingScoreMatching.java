package org.ebm4j.plugins.dsm;

import org.ebm4j.api.data.Batch;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.NoiseConditionalEnergy;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Denoising score matching (Vincent 2011), σ²-weighted as in docs/math.md: {@code J = mean ½‖σ s(x̃, σ) + ε‖²},
 * {@code x̃ = x + σε}. With one level and a plain energy, {@code s = -∇ₓE}: the model learns the score of the data
 * convolved with {@code N(0, σ²I)}, so σ must be small. With several levels (NCSN, Song &amp; Ermon 2019) each sample
 * draws its own σ_i and the model must be {@link NoiseConditionalEnergy noise-conditional}.
 */
public final class DenoisingScoreMatching implements Objective {

    private final NoiseLevels levels;

    public DenoisingScoreMatching(double sigma) {
        this(NoiseLevels.single(sigma));
    }

    /** Multi-noise DSM over {@code levels} σ geometric from {@code max} down to {@code min}. */
    public static DenoisingScoreMatching multiNoise(double max, double min, int levels) {
        return new DenoisingScoreMatching(NoiseLevels.geometric(max, min, levels));
    }

    DenoisingScoreMatching(NoiseLevels levels) {
        this.levels = levels;
    }

    @Override
    public void check(EnergyModel model, org.ebm4j.api.data.Dataset data, int batchSize) {
        if (levels.count() > 1 && !(model instanceof NoiseConditionalEnergy)) {
            throw new org.ebm4j.api.ConfigException("levels", "", "multi-noise dsm (" + levels.count() + " levels) needs a "
                    + "noise-conditional model, but the model is not one; with mlp set model.conditioning = scale or input, "
                    + "or train one level (levels = 1)");
        }
    }

    @Override
    public Losses losses(EnergyModel model, Batch batch, StepContext context) {
        Tensor x = batch.x();
        int n = (int) x.rows();
        Tensor eps = context.random().normal(x.dataType(), x.shape());
        if (levels.count() == 1 && !(model instanceof NoiseConditionalEnergy)) {
            double sigma = levels.min();
            Tensor noisy = x.add(eps.mul(sigma)).requireGrad();
            Tensor score = model.score(noisy, true);
            Tensor loss = score.mul(sigma).add(eps).square().sum(1).mean().mul(0.5);
            return Losses.of(Loss.minimise("dsm", loss, model.parameters()));
        }
        if (!(model instanceof NoiseConditionalEnergy conditional)) {
            throw new IllegalStateException("multi-noise dsm (" + levels.count() + " levels) needs a noise-conditional model, got "
                    + model.getClass().getSimpleName() + "; with mlp set model.conditioning = scale or input");
        }
        Tensor sigma = perSampleSigma(n, x, context);
        Tensor noisy = x.add(eps.mul(sigma)).requireGrad();
        Tensor score = conditional.score(noisy, sigma, true);
        Tensor loss = score.mul(sigma).add(eps).square().sum(1).mean().mul(0.5);
        return Losses.of(Loss.minimise("dsm", loss, model.parameters()));
    }

    /** One level per sample, uniformly: {@code [n, 1]}. */
    private Tensor perSampleSigma(int n, Tensor x, StepContext context) {
        double[] s = levels.sigmas();
        int[] pick = context.random().indices(n, s.length);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = s[pick[i]];
        }
        INDArray column = Nd4j.createFromArray(values).castTo(x.dataType()).reshape(n, 1);
        return Tensor.adopt(column);
    }

    NoiseLevels levels() {
        return levels;
    }
}
