package org.ebm4j.api.training;

import java.nio.file.Path;

/**
 * A run about to train: its experiment's name, its folder (listeners may write files there), the first step of this
 * process (a resumed run's checkpoint step, else 0) and the planned total.
 */
public record TrainingStart(String experiment, Path runFolder, long firstStep, long totalSteps) {}
