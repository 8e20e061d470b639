package org.ebm4j.api.model;

import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;

/** The score of an energy by automatic differentiation. */
public final class Scores {

    private Scores() {}

    /**
     * {@code -∇ₓE(x)} for a batch. When {@code x} does not require grad it is replaced by a leaf over the same
     * values, so samplers can pass plain states; recording is switched on for the forward pass even inside a
     * no-grad scope.
     */
    public static Tensor score(EnergyModel model, Tensor x, boolean createGraph) {
        Tensor leaf = x.requiresGrad() ? x : x.requireGrad();
        try (GradMode.Scope ignored = GradMode.on()) {
            return gradient(model.energy(leaf), leaf, createGraph).neg();
        }
    }

    /**
     * {@code ∇ₓ Σᵢ energyᵢ} as a vector-Jacobian product with ones: no sum node, which every later pass through
     * the graph (score-matching losses walk it two or three times) would otherwise pay for.
     */
    public static Tensor gradient(Tensor energy, Tensor leaf, boolean createGraph) {
        try (GradMode.Scope ignored = GradMode.on()) {
            return Autograd.grad(energy, java.util.List.of(leaf), Tensor.full(1.0, energy.dataType(), energy.shape()), createGraph).get(0);
        }
    }
}
