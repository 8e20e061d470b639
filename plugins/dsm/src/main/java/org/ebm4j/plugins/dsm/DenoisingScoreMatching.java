package org.ebm4j.plugins.dsm;

import org.ebm4j.api.data.Batch;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.tensor.Tensor;

/**
 * Denoising score matching with one noise level (Vincent 2011), σ²-weighted as in MATH.md:
 * {@code J = mean ½‖σ s(x̃) + ε‖²}, {@code x̃ = x + σε}, {@code s = -∇ₓE}. It learns the score of the data
 * convolved with {@code N(0, σ²I)}, so σ must be small for the model to approach the data.
 */
public final class DenoisingScoreMatching implements Objective {

    private final double sigma;

    public DenoisingScoreMatching(double sigma) {
        this.sigma = sigma;
    }

    @Override
    public Losses losses(EnergyModel model, Batch batch, StepContext context) {
        Tensor x = batch.x();
        Tensor eps = context.random().normal(x.dataType(), x.shape());
        Tensor noisy = x.add(eps.mul(sigma)).requireGrad();
        Tensor score = model.score(noisy, true);
        Tensor loss = score.mul(sigma).add(eps).square().sum(1).mean().mul(0.5);
        return Losses.of(Loss.minimise("dsm", loss, model.parameters()));
    }
}
