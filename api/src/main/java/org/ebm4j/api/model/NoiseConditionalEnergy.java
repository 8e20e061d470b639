package org.ebm4j.api.model;

import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;

/**
 * An energy that also depends on a noise level: {@code E_θ(x, σ)} is the energy of the data blurred by
 * {@code N(0, σ²I)} (NCSN, Song &amp; Ermon 2019). Multi-noise denoising score matching trains it and annealed
 * Langevin samples with it. Its plain {@link #energy(Tensor)} is the energy at {@link #evaluationSigma()}, the
 * level evaluators and ordinary samplers see, normally the smallest trained σ.
 */
public interface NoiseConditionalEnergy extends EnergyModel {

    /**
     * Energies at per-sample noise levels.
     *
     * @param x     {@code [n, d]}
     * @param sigma {@code [n, 1]}, positive
     * @return {@code [n]}
     */
    Tensor energy(Tensor x, Tensor sigma);

    /** The σ at which {@link #energy(Tensor)} is taken. */
    double evaluationSigma();

    @Override
    default Tensor energy(Tensor x) {
        return energy(x, Tensor.full(evaluationSigma(), x.dataType(), x.rows(), 1));
    }

    /** {@code s(x, σ) = -∇ₓE(x, σ)}, {@code [n, d]}; see {@link EnergyModel#score(Tensor, boolean)}. */
    default Tensor score(Tensor x, Tensor sigma, boolean createGraph) {
        Tensor leaf = x.requiresGrad() ? x : x.requireGrad();
        try (GradMode.Scope ignored = GradMode.on()) {
            return Scores.gradient(energy(leaf, sigma), leaf, createGraph).neg();
        }
    }

    /**
     * The simple conditioning {@code E(x, σ) = E(x) / σ}, so {@code s(x, σ) = s(x) / σ} (Song &amp; Ermon 2020): any
     * energy becomes noise-conditional without new parameters.
     */
    static NoiseConditionalEnergy scaled(EnergyModel base, double evaluationSigma) {
        if (!(evaluationSigma > 0) || Double.isInfinite(evaluationSigma)) {
            throw new IllegalArgumentException("evaluation sigma must be positive and finite, got " + evaluationSigma);
        }
        return new NoiseConditionalEnergy() {
            @Override
            public Tensor energy(Tensor x, Tensor sigma) {
                return base.energy(x).div(sigma.reshape(x.rows()));
            }

            @Override
            public Tensor energy(Tensor x) {
                return base.energy(x).div(evaluationSigma);
            }

            @Override
            public double evaluationSigma() {
                return evaluationSigma;
            }

            @Override
            public int dimension() {
                return base.dimension();
            }

            @Override
            public Parameters parameters() {
                return base.parameters();
            }
        };
    }
}
