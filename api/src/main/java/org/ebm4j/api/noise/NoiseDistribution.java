package org.ebm4j.api.noise;

import java.util.Map;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A distribution that samples and gives its exact log-density: NCE's noise, a flow, a sampler's start.
 *
 * <p>Life cycle: created from settings, {@linkplain #fit fitted} to the training data once (or {@linkplain #restore
 * restored} from a checkpoint's {@link #state()}), then sampled and evaluated.
 */
public interface NoiseDistribution {

    /** {@code n} draws, {@code [n, d]}; differentiable in the parameters where there are any (reparameterised). */
    Tensor sample(int n, RandomSource random);

    /** {@code log p(x)} per row, {@code [n]}; differentiable in {@code x} and in the parameters where there are any. */
    Tensor logProb(Tensor x);

    /**
     * Draws with their log-densities. The default evaluates {@link #logProb} on {@link #sample}; a flow returns the
     * log-density it tracked while sampling, which is cheaper and keeps the graph through the draws.
     */
    default Draws sampleWithLogProb(int n, RandomSource random) {
        Tensor x = sample(n, random);
        return new Draws(x, logProb(x));
    }

    /** Draws {@code x: [n, d]} and {@code log p(x): [n]}. */
    record Draws(Tensor x, Tensor logProb) {}

    /** The dimension of the space it lives in. */
    int dimension();

    /** Trainable parameters (a flow's); empty for a fixed distribution. */
    default Parameters parameters() {
        return Parameters.empty();
    }

    /** Fits to the training data (Gaussian moments, EM, maximum likelihood); a no-op for a given distribution. */
    default void fit(Dataset data, RandomSource random) {}

    /** What fitting measured (e.g. a flow's held-out and test NLL); empty by default. */
    default Map<String, Double> metrics() {
        return Map.of();
    }

    /** What {@link #fit} computed that is not a parameter (moments, mixture components), for checkpoints. */
    default Map<String, INDArray> state() {
        return Map.of();
    }

    /** Puts back what {@link #state()} returned, instead of fitting again. */
    default void restore(Map<String, INDArray> state) {}
}
