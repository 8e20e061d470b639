package org.ebm4j.runtime.training.listener;

import com.google.inject.Inject;
import java.util.Locale;
import java.util.Map;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.training.TrainingControl;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.runtime.training.TrainingState;

/**
 * Fails the run at the first step whose loss, gradient norm or updated parameters are not finite, naming which. It
 * is the first listener, so no checkpoint or evaluation ever sees a diverged step: the last good checkpoint stays.
 */
public final class DivergenceGuard implements TrainingListener {

    private final TrainingState state;

    @Inject
    public DivergenceGuard(TrainingState state) {
        this.state = state;
    }

    @Override
    public void onStep(long step, Map<String, Double> metrics, TrainingControl control) {
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
            if (Double.isFinite(m.getValue())) {
                continue;
            }
            if (m.getKey().startsWith("loss/")) {
                control.fail("Training diverged at step " + step + ": loss '" + m.getKey().substring(5) + "' is " + m.getValue());
                return;
            }
            if (m.getKey().startsWith("grad-norm/")) {
                control.fail("Training diverged at step " + step + ": the gradient of group '" + m.getKey().substring(10)
                        + "' is not finite (norm " + m.getValue() + ")");
                return;
            }
        }
        for (Map.Entry<String, Parameters> g : state.groups().entrySet()) {
            double sum = g.getValue().flat().sumNumber().doubleValue(); // one reduction: non-finite iff a value is
            if (!Double.isFinite(sum)) {
                control.fail(String.format(Locale.ROOT, "Training diverged at step %d: the parameters of group '%s' are not "
                        + "finite after the update (is the learning rate, %s, too large?)", step, g.getKey(),
                        state.optimizer(g.getKey()) == null ? "?" : Double.toString(state.optimizer(g.getKey()).learningRate())));
                return;
            }
        }
    }
}
