package org.ebm4j.api.model;

import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.Tensor;

/**
 * An energy {@code E_θ(x)}: the model density is {@code p_θ(x) = exp(-E_θ(x)) / Z_θ}; low energy is high
 * probability. The score {@code ∇ₓ log p = -∇ₓE} is derived by autodiff ({@link Scores}); a model overrides
 * {@link #score} only to make it faster.
 */
public interface EnergyModel {

    /** Energies of a batch {@code x: [n, d]}: a vector {@code [n]}, differentiable in {@code x} and the parameters. */
    Tensor energy(Tensor x);

    /** The data dimension {@code d} the model takes. */
    int dimension();

    /** The trainable parameters (empty for a fixed model). */
    Parameters parameters();

    /**
     * The score {@code s(x) = -∇ₓE(x)}, {@code [n, d]}. With {@code createGraph} it is differentiable in the
     * parameters and in {@code x} (for score-matching losses); without, it is a constant (for samplers).
     *
     * @param x a leaf that requires grad, or any tensor (it is then cut from its history)
     */
    default Tensor score(Tensor x, boolean createGraph) {
        return Scores.score(this, x, createGraph);
    }

    /** The floating type inputs should have: the parameters' type ({@link Tensor#DEFAULT_TYPE} when there are none). */
    default org.nd4j.linalg.api.buffer.DataType dataType() {
        return parameters().isEmpty() ? Tensor.DEFAULT_TYPE : parameters().dataType();
    }
}
