package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The chains' positions {@code [chains, d]}, energies {@code [chains]} and energy gradients {@code [chains, d]} in
 * buffers allocated once: each step computes in its own scope and copies the new state in, so memory stays flat
 * however long the chains run.
 */
final class ChainState {

    private final INDArray x;
    private final INDArray energy;
    private final INDArray gradient;

    private ChainState(INDArray x, INDArray energy, INDArray gradient) {
        this.x = x;
        this.energy = energy;
        this.gradient = gradient;
    }

    /** Starts at {@code init} (copied); with {@code withGradient} the gradient is kept too. */
    static ChainState start(EnergyModel model, Tensor init, boolean withGradient) {
        INDArray x = init.array().dup();
        if (withGradient) {
            EnergyAndGradient eg = EnergyAndGradient.of(model, Tensor.constant(x));
            return new ChainState(x, eg.energy().array().dup(), eg.gradient().array().dup());
        }
        return new ChainState(x, model.energy(Tensor.constant(x)).array().dup(), null);
    }

    Tensor x() {
        return Tensor.constant(x);
    }

    Tensor energy() {
        return Tensor.constant(energy);
    }

    Tensor gradient() {
        return Tensor.constant(gradient);
    }

    /** Moves the accepted chains ({@code accepted[i] = 1}) to the proposal. */
    void accept(Tensor accepted, Tensor proposal, Tensor proposalEnergy, Tensor proposalGradient) {
        Tensor newX = Metropolis.select(accepted, proposal, x());
        Tensor newEnergy = Tensor.where(accepted, proposalEnergy, energy());
        Tensor newGradient = proposalGradient == null ? null : Metropolis.select(accepted, proposalGradient, gradient());
        x.assign(newX.array());
        energy.assign(newEnergy.array());
        if (newGradient != null) {
            gradient.assign(newGradient.array());
        }
    }

    /** Replaces the positions (unadjusted samplers); energies are not tracked then. */
    void moveTo(Tensor next) {
        x.assign(next.array());
    }

    double meanGradientNorm() {
        return gradient().square().sum(1).sqrt().mean().item();
    }
}
