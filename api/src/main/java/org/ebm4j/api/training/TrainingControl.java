package org.ebm4j.api.training;

import java.util.Map;

/** What a listener may ask of the trainer. */
public interface TrainingControl {

    /**
     * Ends training after this step as a normal stop (early stopping, a target reached): the final checkpoint and
     * evaluation still happen. The first reason given is the one reported.
     */
    void stop(String reason);

    /**
     * Ends training at once as a failure (a diverged loss): the listeners after this one do not see this step, no
     * checkpoint or evaluation is written for it, the last good checkpoint is kept, and the run exits with 1.
     */
    void fail(String reason);

    /** Sends {@code metrics} from {@code source} to every listener's {@link TrainingListener#onMetrics}. */
    void publish(String source, Map<String, Double> metrics);
}
