package org.ebm4j.api.training;

import java.nio.file.Path;
import java.util.Map;

/**
 * Observes a training run and may stop it. The trainer is a loop of optimiser steps; everything else a run does
 * (metric windows, checkpoints, evaluations, early stopping, divergence checks, metric files, the progress bar) is a
 * listener, and a plugin adds its own through a {@link TrainingListenerProvider} named in the experiment's
 * {@code listeners} list. Callbacks come on the training thread, in the order the listeners were registered;
 * every one has a no-op default.
 */
public interface TrainingListener {

    /** Before the first step (of this process: a resumed run starts at its checkpoint's step). */
    default void onStart(TrainingStart start) {}

    /**
     * After every optimiser step, with that step's own numbers: {@code loss/<name>}, {@code grad-norm/<group>} and
     * the objective's metrics. A listener may {@linkplain TrainingControl#stop stop} training or
     * {@linkplain TrainingControl#fail fail} it here.
     */
    default void onStep(long step, Map<String, Double> metrics, TrainingControl control) {}

    /**
     * Numbers to record, from any listener's {@link TrainingControl#publish}: the averages of a log window
     * (source {@code train}), an evaluator's results (its label), the validation loss ({@code validation}).
     */
    default void onMetrics(long step, String source, Map<String, Double> metrics) {}

    /** A checkpoint was written, whole, to {@code file}. */
    default void onCheckpoint(long step, Path file) {}

    /**
     * After the last step, whether the run finished, was stopped or failed. Listeners that do something at the end
     * (restore the best parameters, the final checkpoint and evaluation) do it here, in registration order, and
     * may still {@link TrainingControl#publish publish}.
     */
    default void onEnd(TrainingEnd end, TrainingControl control) {}
}
