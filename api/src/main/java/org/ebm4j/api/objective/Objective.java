package org.ebm4j.api.objective;

import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Parameters;

/**
 * A training objective: what the trainer minimises (docs/math.md, "Objectives"). Every loss is the mean over the batch.
 */
public interface Objective {

    /**
     * The losses of one step on {@code batch}, each paired with the parameters it moves; the trainer takes the
     * gradients and steps the optimisers. Runs inside the step's {@link org.ebm4j.api.tensor.TensorScope}.
     */
    Losses losses(EnergyModel model, Batch batch, StepContext context);

    /**
     * The losses on held-out rows (early stopping's validation loss), with no side effect: the objective's state
     * (a replay buffer, a step counter) is exactly as before, and no gradient is taken. The runtime calls it with
     * recording off and a stream rewound to the same position at every check, so checks differ only by the
     * parameters. The default is {@link #losses}, right for an objective whose {@code losses} changes nothing; an
     * objective with state overrides it.
     */
    default Losses validationLosses(EnergyModel model, Batch batch, StepContext context) {
        return losses(model, batch, context);
    }

    /**
     * Checks, before any run folder exists, that this objective can train {@code model} on {@code data} with batches
     * of {@code batchSize} rows (e.g. a noise-conditional loss needs a noise-conditional model; a replay buffer must
     * hold a batch). Throws {@link org.ebm4j.api.ConfigException} with keys relative to the objective, as
     * {@code create} does. Does nothing by default.
     */
    default void check(EnergyModel model, Dataset data, int batchSize) {}

    /** The objective's own parameters (NCE's {@code c}); empty by default. */
    default Parameters parameters() {
        return Parameters.empty();
    }

    /**
     * All of the objective's parameters by group name, each group with its own optimiser and its own entry in a
     * checkpoint (FCE: {@code objective} for {@code c}, {@code flow} for the noise flow). The default is the one
     * group {@code objective}, {@link #parameters()}. The name {@code model} is the energy model's.
     */
    default Map<String, Parameters> parameterGroups() {
        return Map.of("objective", parameters());
    }

    /** The noise distribution the objective contrasts the data with (NCE, FCE), so it can be sampled on its own. */
    default Optional<NoiseDistribution> noise() {
        return Optional.empty();
    }

    /**
     * Called once before the first step with the training data, e.g. to fit the distribution sampler chains start
     * from. On resume it comes after {@link #restore}: keep what was restored (a fitted noise, a replay buffer) and
     * set up only the rest. Does nothing by default.
     */
    default void prepare(Dataset data, RandomSource random) {}

    /**
     * State that is not a parameter but must survive a checkpoint for a resumed run to continue exactly (a replay
     * buffer of negatives); empty by default. The arrays are copied by the caller.
     */
    default Map<String, INDArray> state() {
        return Map.of();
    }

    /** Puts back what {@link #state()} returned. */
    default void restore(Map<String, INDArray> state) {}
}
