package org.ebm4j.api.eval;

/** Measures a trained model (test NLL, MMD, ...) and may draw pictures into the run folder. */
public interface Evaluator {

    /** Evaluates; called during training at the configured interval and once at the end. */
    Evaluation evaluate(EvaluationContext context);
}
