package org.ebm4j.plugins.exactsm;

import org.ebm4j.api.data.Batch;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.Scores;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;

/**
 * Hyvärinen's score matching with the exact Hessian trace: {@code J = mean[½‖∇ₓE‖² - tr ∇²ₓE]} (docs/math.md). The
 * trace takes one extra backward pass per input coordinate, so the cost grows linearly with {@code d}.
 */
public final class ExactScoreMatching implements Objective {

    @Override
    public Losses losses(EnergyModel model, Batch batch, StepContext context) {
        return Losses.of(Loss.minimise("exact-sm", loss(model, batch.x()), model.parameters()));
    }

    /** The loss on {@code x}, differentiable in the model's parameters. */
    public static Tensor loss(EnergyModel model, Tensor x) {
        Tensor leaf = x.requireGrad();
        Tensor g = Scores.gradient(model.energy(leaf), leaf, true);
        return g.square().sum(1).mul(0.5).sub(trace(g, leaf)).mean();
    }

    /** {@code tr ∇²E} per row, {@code [n]}, from the kept gradient {@code g = ∇E(leaf)}. */
    public static Tensor trace(Tensor g, Tensor leaf) {
        Tensor trace = null;
        long d = leaf.columns();
        for (int j = 0; j < d; j++) {
            // row j of the Hessian as a vector-Jacobian product with the one-hot e_j: no slice/sum nodes to walk back
            Tensor oneHot = Tensor.zeros(g.dataType(), g.shape());
            oneHot.array().getColumn(j).assign(1.0);
            Tensor diagonal = Autograd.grad(g, java.util.List.of(leaf), oneHot, true).get(0).columns(j, j + 1);
            trace = trace == null ? diagonal : trace.add(diagonal);
        }
        return trace.reshape(leaf.rows());
    }
}
