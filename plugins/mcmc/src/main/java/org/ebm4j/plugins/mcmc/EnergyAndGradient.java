package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.Scores;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;

/** Energies {@code [chains]} and their gradients {@code ∇ₓE} {@code [chains, d]} from one forward pass, as constants. */
record EnergyAndGradient(Tensor energy, Tensor gradient) {

    static EnergyAndGradient of(EnergyModel model, Tensor x) {
        Tensor leaf = x.detach().requireGrad();
        try (GradMode.Scope ignored = GradMode.on()) {
            Tensor e = model.energy(leaf);
            Tensor g = Scores.gradient(e, leaf, false);
            return new EnergyAndGradient(e.detach(), g);
        }
    }
}
