package org.ebm4j.api.optim;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything an {@link Optimizer} needs to continue exactly: its name, how many steps it took, and the
 * updater's state (Adam's moments, ...) as one {@code [1, k]} array ({@code k = 0} for plain SGD).
 */
public record OptimizerState(String optimizer, int iteration, INDArray updaterState) {}
