package org.ebm4j.plugins.mlp;

import org.ebm4j.api.model.NoiseConditionalEnergy;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.Tensor;

/**
 * A noise-conditional MLP energy {@code E(x, σ) = MLP([x, log σ])}: the noise level is one more input, so one
 * network learns the whole family of blurred densities (NCSN's conditioning, in its simplest form).
 */
final class SigmaInputMlpEnergy implements NoiseConditionalEnergy {

    private final MlpEnergy network;
    private final int dimension;
    private final double evaluationSigma;

    /** @param network an MLP over {@code d + 1} inputs */
    SigmaInputMlpEnergy(MlpEnergy network, double evaluationSigma) {
        this.network = network;
        this.dimension = network.dimension() - 1;
        this.evaluationSigma = evaluationSigma;
    }

    @Override
    public Tensor energy(Tensor x, Tensor sigma) {
        return network.energy(Tensor.concat(1, x, sigma.log()));
    }

    @Override
    public double evaluationSigma() {
        return evaluationSigma;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Parameters parameters() {
        return network.parameters();
    }
}
