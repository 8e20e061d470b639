package org.ebm4j.api.objective;

import org.ebm4j.api.random.RandomSource;

/**
 * What a step knows besides the batch: its number, the planned total, and the objective's random stream (noise,
 * projections). The stream is the same object every step and its position is checkpointed.
 */
public record StepContext(long step, long totalSteps, RandomSource random) {}
