package org.ebm4j.runtime.training.listener;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.training.TrainingControl;
import org.ebm4j.api.training.TrainingEnd;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingStart;
import org.ebm4j.runtime.experiment.Experiment;

/** The listeners the experiment names in {@code listeners = [...]}, from plugins, in their order, as one. */
public final class PluginListeners implements TrainingListener, AutoCloseable {

    private final List<TrainingListener> listeners;

    @Inject
    public PluginListeners(Experiment experiment) {
        this.listeners = experiment.listeners();
    }

    @Override
    public void onStart(TrainingStart start) {
        listeners.forEach(l -> l.onStart(start));
    }

    @Override
    public void onStep(long step, Map<String, Double> metrics, TrainingControl control) {
        for (TrainingListener l : listeners) {
            l.onStep(step, metrics, control);
        }
    }

    @Override
    public void onMetrics(long step, String source, Map<String, Double> metrics) {
        listeners.forEach(l -> l.onMetrics(step, source, metrics));
    }

    @Override
    public void onCheckpoint(long step, Path file) {
        listeners.forEach(l -> l.onCheckpoint(step, file));
    }

    @Override
    public void onEnd(TrainingEnd end, TrainingControl control) {
        listeners.forEach(l -> l.onEnd(end, control));
    }

    @Override
    public void close() throws Exception {
        for (TrainingListener l : listeners) {
            if (l instanceof AutoCloseable c) {
                c.close();
            }
        }
    }
}
