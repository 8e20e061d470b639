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
 * last good one is kept), each written whole, and tells every listener where it went. Keeps the newest
 * {@code train.keep-checkpoints} and the one of the best validation loss (when early stopping measures one).
 */
public final class Checkpointing implements TrainingListener {

    private final TrainingState state;
    private final CheckpointStore store;
    private final long every;
    private final String config;
    private final Provenance provenance;
    private final Provider<Set<TrainingListener>> listeners;
    private final int keepLast;
    private long total;
    private long lastValidationStep = -1;
    private double lastValidation = Double.NaN;
    private long bestStep = -1;
    private long lastWritten = -1;
    private double best = Double.POSITIVE_INFINITY;

    @Inject
    public Checkpointing(TrainingState state, CheckpointStore store, ExperimentSpec spec, Provenance provenance,
                         Provider<Set<TrainingListener>> listeners) {
        this.state = state;
        this.store = store;
        this.every = spec.train().checkpointEvery();
        this.keepLast = spec.train().keepCheckpoints();
        this.config = ExperimentLoader.render(spec.resolved());
        this.provenance = provenance;
        this.listeners = listeners;
    }

    @Override
    public void onStart(org.ebm4j.api.training.TrainingStart start) {
        total = start.totalSteps();
    }

    @Override
    public void onMetrics(long step, String source, Map<String, Double> metrics) {
        Double loss = metrics.get("validation-loss");
        if (source.equals(EarlyStopper.SOURCE) && loss != null && Double.isFinite(loss)) {
            lastValidationStep = step;
            lastValidation = loss;
            score(step); // when the checkpoint of this step was written before the validation loss was measured
        }
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

    private void score(long step) {
        if (step == lastWritten && step == lastValidationStep && lastValidation < best) {
            best = lastValidation;
            bestStep = step;
        }
    }

    private void write(long step) {
        Path file = store.write(state.checkpoint(step, config, provenance.values()));
        lastWritten = step;
        score(step);
        store.prune(keepLast, bestStep >= 0 ? Set.of(bestStep) : Set.of());
        listeners.get().forEach(l -> l.onCheckpoint(step, file));
    }
}
