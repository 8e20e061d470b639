package org.ebm4j.api.training;

import java.util.Optional;

/**
 * How a run ended: the last completed step; why it stopped before its planned steps, if it did; and whether that
 * was a failure (then nothing more is written and the last good checkpoint is kept).
 */
public record TrainingEnd(long lastStep, Optional<String> stoppedBecause, boolean failed) {

    public static TrainingEnd finished(long lastStep) {
        return new TrainingEnd(lastStep, Optional.empty(), false);
    }
}
