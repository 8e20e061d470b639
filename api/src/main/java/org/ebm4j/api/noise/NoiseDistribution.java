package org.ebm4j.api.noise;

import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;

/** A distribution that samples and gives its exact log-density: NCE's noise, a flow, a sampler's start. */
public interface NoiseDistribution {

    /** {@code n} draws, {@code [n, d]}. */
    Tensor sample(int n, RandomSource random);

    /** {@code log p(x)} per row, {@code [n]}; differentiable in the parameters where there are any. */
    Tensor logProb(Tensor x);

    /** Trainable parameters (a flow's); empty for a fixed distribution. */
    default Parameters parameters() {
        return Parameters.empty();
    }

    /** Fits to the training data (Gaussian moments, EM, maximum likelihood); a no-op for a given distribution. */
    default void fit(Dataset data, RandomSource random) {}
}
