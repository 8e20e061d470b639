package org.ebm4j.runtime.training;

import java.util.Map;
import java.util.Optional;

/**
 * How a run ended: the last completed step, the final metrics and evaluation, the wall time, and, if it
 * diverged, why (the last good checkpoint is kept); with early stopping, when it stopped and which step's
 * parameters it kept.
 */
public record TrainingOutcome(long steps, Map<String, Double> metrics, Map<String, Double> evaluation,
                              double seconds, double stepsPerSecond, Optional<String> divergence,
                              Optional<String> earlyStopping) {

    public boolean diverged() {
        return divergence.isPresent();
    }
}
