package org.ebm4j.plugins.mlp;

import java.util.List;
import java.util.function.UnaryOperator;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Init;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;

/** {@code E(x) = w_Lᵀ φ(… φ(W_1 x + b_1) …) + b_L}: an MLP with a scalar output. */
public final class MlpEnergy implements EnergyModel {

    private final int dimension;
    private final Parameters parameters;
    private final UnaryOperator<Tensor> activation;
    private final int layers;

    public MlpEnergy(int dimension, List<Integer> hidden, UnaryOperator<Tensor> activation, Init init, RandomSource random) {
        this(dimension, hidden, activation, init, Init.ZEROS, random);
    }

    /** With biases started by {@code biasInit} at their layer's fan-in and fan-out ({@code uniform-fan-in}: PyTorch's). */
    public MlpEnergy(int dimension, List<Integer> hidden, UnaryOperator<Tensor> activation, Init init, Init biasInit, RandomSource random) {
        this.dimension = dimension;
        this.activation = activation;
        Parameters.Builder b = Parameters.builder(Tensor.DEFAULT_TYPE);
        int in = dimension;
        int k = 0;
        for (int h : hidden) {
            b.add("w" + k, init, in, h).add("b" + k, biasInit, new Parameters.Fans(in, h), 1, h);
            in = h;
            k++;
        }
        b.add("w" + k, init, in, 1).add("b" + k, biasInit, new Parameters.Fans(in, 1), 1, 1);
        this.layers = k + 1;
        this.parameters = b.build(random);
    }

    @Override
    public Tensor energy(Tensor x) {
        Tensor h = x;
        for (int k = 0; k < layers; k++) {
            h = h.matmul(parameters.get("w" + k)).add(parameters.get("b" + k));
            if (k < layers - 1) {
                h = activation.apply(h);
            }
        }
        return h.reshape(x.rows());
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }
}
