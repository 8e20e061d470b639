package org.ebm4j.api.objective;

import org.ebm4j.api.data.Batch;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Parameters;

/**
 * A training objective: what the trainer minimises (MATH.md, "Objectives"). Every loss is the mean over the batch.
 */
public interface Objective {

    /**
     * The losses of one step on {@code batch}, each paired with the parameters it moves; the trainer takes the
     * gradients and steps the optimisers. Runs inside the step's {@link org.ebm4j.api.tensor.TensorScope}.
     */
    Losses losses(EnergyModel model, Batch batch, StepContext context);

    /** The objective's own parameters (NCE's {@code c}); empty by default. */
    default Parameters parameters() {
        return Parameters.empty();
    }
}
