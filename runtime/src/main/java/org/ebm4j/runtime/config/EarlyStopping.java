package org.ebm4j.runtime.config;

/**
 * Early stopping on a validation loss ({@code train.early-stopping}): a seeded {@code validationFraction} of the
 * training rows is held out, the objective's loss on it is taken every {@code every} steps, and training stops
 * after {@code patience} checks that do not improve the best by more than {@code minDelta}; the best parameters
 * are restored before the final checkpoint and evaluation.
 */
public record EarlyStopping(boolean enabled, double validationFraction, long every, int patience, double minDelta) {

    public static EarlyStopping off() {
        return new EarlyStopping(false, 0.1, 250, 4, 0.0);
    }
}
