package org.ebm4j.api.eval;

import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.model.EnergyModel;

/** Measures a trained model (test NLL, MMD, ...) and may draw pictures into the run folder. */
public interface Evaluator {

    /** Evaluates; called during training at the configured interval and once at the end. */
    Evaluation evaluate(EvaluationContext context);

    /**
     * Checks, before anything runs, that this evaluator can evaluate {@code model} on {@code data} (e.g. a grid
     * integral needs two dimensions); throws {@link org.ebm4j.api.ConfigException} with keys relative to the
     * evaluator. Does nothing by default.
     */
    default void check(EnergyModel model, Dataset data) {}
}
