package org.ebm4j.runtime.training;

import java.nio.file.Path;
import java.util.Map;
import org.ebm4j.api.eval.Evaluation;

/** Observes a training run: metrics, checkpoints, evaluations, the end. Every callback has a no-op default. */
public interface TrainingListener {

    default void onStart(long firstStep, long totalSteps) {}

    /** Metrics averaged over the steps since the last call (losses, objective metrics, gradient norms, steps/s). */
    default void onLog(long step, Map<String, Double> metrics) {}

    default void onCheckpoint(long step, Path file) {}

    default void onEvaluation(long step, Evaluation evaluation) {}

    default void onEnd(TrainingOutcome outcome) {}
}
