package org.ebm4j.runtime.training;

import java.util.Map;
import java.util.Optional;

/**
 * How a run ended: the last completed step, the last log window's metrics, each evaluator's final results by label,
 * the evaluators' warnings about their numbers, the wall time, and, if it diverged, why (the last good checkpoint is kept); with early stopping or a listener's
 * stop, when and why it stopped.
 */
public record TrainingOutcome(long steps, Map<String, Double> metrics, Map<String, Map<String, Double>> evaluation,
                              Map<String, java.util.List<String>> warnings, double seconds, double stepsPerSecond,
                              Optional<String> divergence, Optional<String> earlyStopping, Optional<String> interruption) {

    public boolean diverged() {
        return divergence.isPresent();
    }

    /** Stopped by SIGTERM or SIGINT before its last step: resumable. */
    public boolean interrupted() {
        return interruption.isPresent();
    }
}
