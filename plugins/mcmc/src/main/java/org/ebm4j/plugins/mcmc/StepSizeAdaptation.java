package org.ebm4j.plugins.mcmc;

/**
 * Robbins-Monro adaptation of a step size toward a target acceptance rate during warm-up, then frozen so the chain
 * is an exact MCMC kernel again: {@code log ε ← log ε + (a_k − target) / (k + 1)^0.6}, with {@code a_k} the acceptance
 * rate over all chains at step {@code k} (many chains make it a low-noise signal).
 */
final class StepSizeAdaptation {

    private final double target;
    private double logStep;
    private int updates;

    StepSizeAdaptation(double initialStep, double target) {
        this.logStep = Math.log(initialStep);
        this.target = target;
    }

    double step() {
        return Math.exp(logStep);
    }

    void update(double acceptanceRate) {
        updates++;
        logStep += (acceptanceRate - target) / Math.pow(updates, 0.6);
    }
}
