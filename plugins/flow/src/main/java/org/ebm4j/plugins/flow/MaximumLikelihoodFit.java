package org.ebm4j.plugins.flow;

/**
 * How {@code flow-noise} is fitted by maximum likelihood before use: Adam for {@code steps} steps of
 * {@code batchSize}, the held-out NLL of {@code validationFraction} of the training rows checked every
 * {@code evalEvery} steps, stopping after {@code patience} checks without improvement (0: never) and keeping the best
 * parameters. {@code steps = 0} skips fitting (e.g. FCE trains the flow adversarially from the start).
 */
record MaximumLikelihoodFit(int steps, int batchSize, double learningRate, double validationFraction, int evalEvery, int patience) {}
