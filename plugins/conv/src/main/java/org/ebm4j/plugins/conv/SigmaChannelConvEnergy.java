package org.ebm4j.plugins.conv;

import org.ebm4j.api.model.NoiseConditionalEnergy;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.Tensor;

/**
 * A noise-conditional conv energy {@code E(x, σ) = CNN([x, log σ])}: the noise level as one more input channel,
 * constant over the image, so one network learns the family of blurred image densities (NCSN's conditioning).
 */
final class SigmaChannelConvEnergy implements NoiseConditionalEnergy {

    private final ConvEnergy network;
    private final double evaluationSigma;

    /** @param network a conv energy with one extra input channel */
    SigmaChannelConvEnergy(ConvEnergy network, double evaluationSigma) {
        this.network = network;
        this.evaluationSigma = evaluationSigma;
    }

    @Override
    public Tensor energy(Tensor x, Tensor sigma) {
        ConvEnergy.ImageShape s = network.image();
        Tensor images = network.images(x);
        // log σ per row, broadcast over one plane: [n, 1] → [n, 1, h, w]
        Tensor plane = sigma.log().reshape(x.rows(), 1, 1, 1).mul(Tensor.constant(
                org.nd4j.linalg.factory.Nd4j.ones(x.dataType(), 1, 1, s.height(), s.width())));
        return network.energyOfImages(Tensor.concat(1, images, plane));
    }

    @Override
    public double evaluationSigma() {
        return evaluationSigma;
    }

    @Override
    public int dimension() {
        return network.dimension();
    }

    @Override
    public Parameters parameters() {
        return network.parameters();
    }
}
