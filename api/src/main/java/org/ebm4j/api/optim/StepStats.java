package org.ebm4j.api.optim;

/**
 * What one optimiser step did: the global gradient norm before clipping, whether it was clipped, and the
 * learning rate used.
 */
public record StepStats(double gradientNorm, boolean clipped, double learningRate) {}
