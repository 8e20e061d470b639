package org.ebm4j.runtime.training.listener;

import com.google.inject.Inject;
import com.google.inject.Provider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.ebm4j.api.training.TrainingControl;
import org.ebm4j.api.training.TrainingEnd;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.config.ExperimentSpec;
import org.ebm4j.runtime.run.Provenance;
import org.ebm4j.runtime.training.CheckpointStore;
import org.ebm4j.runtime.training.TrainingState;

/**
 * Writes a checkpoint every {@code train.checkpoint-every} steps and one at the end (unless the run failed: then the
 * last good one is kept), each written whole, and tells every listener where it went.
 */
public final class Checkpointing implements TrainingListener {

    private final TrainingState state;
    private final CheckpointStore store;
    private final long every;
    private final String config;
    private final Provenance provenance;
    private final Provider<Set<TrainingListener>> listeners;
    private long total;

    @Inject
    public Checkpointing(TrainingState state, CheckpointStore store, ExperimentSpec spec, Provenance provenance,
                         Provider<Set<TrainingListener>> listeners) {
        this.state = state;
        this.store = store;
        this.every = spec.train().checkpointEvery();
        this.config = ExperimentLoader.render(spec.resolved());
        this.provenance = provenance;
        this.listeners = listeners;
    }

    @Override
    public void onStart(org.ebm4j.api.training.TrainingStart start) {
        total = start.totalSteps();
    }

    @Override
    public void onStep(long step, Map<String, Double> metrics, TrainingControl control) {
        if (every > 0 && step % every == 0 && step != total) {
            write(step);
        }
    }

    @Override
    public void onEnd(TrainingEnd end, TrainingControl control) {
        if (!end.failed()) {
            write(end.lastStep());
        }
    }

    private void write(long step) {
        Path file = store.write(state.checkpoint(step, config, provenance.values()));
        listeners.get().forEach(l -> l.onCheckpoint(step, file));
    }
}
