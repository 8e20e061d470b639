package org.ebm4j.plugins.ssm;

import java.util.List;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.Scores;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;

/**
 * Sliced score matching (Song, Garg, Shi, Ermon 2019): {@code J = E_v[vᵀ∇s v + ½(vᵀs)²]}, with the energy
 * {@code g = ∇E}, {@code h = ∇(g·v)}, {@code vᵀ∇s v = -(h·v)}: two backward passes whatever {@code d}. The
 * variance-reduced form (SSM-VR) replaces {@code ½(vᵀs)²} by {@code ½‖s‖²}. {@code M} projections per sample are
 * drawn by repeating the batch {@code M} times. With {@code dataNoise > 0} the batch is first blurred by
 * {@code N(0, dataNoise² I)}: the model then learns the score of the slightly smoothed data, which keeps it from
 * collapsing onto sharp modes (a regulariser; the optimum moves by {@code O(dataNoise²)}).
 */
public final class SlicedScoreMatching implements Objective {

    /** How projections are drawn; both have {@code E[vvᵀ] = I}. */
    public enum Projection { GAUSSIAN, RADEMACHER }

    private final Projection projection;
    private final int projections;
    private final boolean varianceReduced;
    private final double dataNoise;

    public SlicedScoreMatching(Projection projection, int projections, boolean varianceReduced) {
        this(projection, projections, varianceReduced, 0.0);
    }

    public SlicedScoreMatching(Projection projection, int projections, boolean varianceReduced, double dataNoise) {
        this.projection = projection;
        this.projections = projections;
        this.varianceReduced = varianceReduced;
        this.dataNoise = dataNoise;
    }

    @Override
    public Losses losses(EnergyModel model, Batch batch, StepContext context) {
        Tensor x = batch.x();
        if (dataNoise > 0) {
            x = x.add(context.random().normal(x.dataType(), x.shape()).mul(dataNoise));
        }
        Tensor loss = loss(model, x, context.random());
        return Losses.of(Loss.minimise(varianceReduced ? "ssm-vr" : "ssm", loss, model.parameters()));
    }

    /** The loss on {@code x} with fresh projections from {@code random}. */
    public Tensor loss(EnergyModel model, Tensor x, RandomSource random) {
        Tensor repeated = x;
        if (projections > 1) {
            Tensor[] copies = new Tensor[projections];
            java.util.Arrays.fill(copies, x);
            repeated = Tensor.concat(0, copies);
        }
        Tensor v = projection == Projection.GAUSSIAN
                ? random.normal(x.dataType(), repeated.shape())
                : random.rademacher(x.dataType(), repeated.shape());
        return loss(model, repeated, v);
    }

    /** The loss for given projections {@code v} (one row per row of {@code x}). */
    public Tensor loss(EnergyModel model, Tensor x, Tensor v) {
        Tensor leaf = x.requireGrad();
        Tensor g = Scores.gradient(model.energy(leaf), leaf, true);
        // Hv as a vector-Jacobian product of g with v: no rowDot/sum nodes for the second pass to walk back through
        Tensor vHv = Autograd.grad(g, List.of(leaf), v, true).get(0).rowDot(v);
        Tensor half = varianceReduced ? g.square().sum(1).mul(0.5) : g.rowDot(v).square().mul(0.5);
        return half.sub(vHv).mean();
    }
}
