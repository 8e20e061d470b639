package org.ebm4j.runtime.training;

import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.ebm4j.api.training.TrainingEnd;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.runtime.config.ExperimentSpec;
import org.ebm4j.runtime.experiment.Experiment;
import org.ebm4j.runtime.fixtures.Fixtures;
import org.ebm4j.runtime.run.Provenance;
import org.ebm4j.runtime.run.RunFolder;
import org.ebm4j.runtime.training.listener.RunSummary;
import org.ebm4j.runtime.wiring.ExperimentModule;
import org.ebm4j.runtime.wiring.RunModule;

/** Trains a fixtures experiment through the same injectors {@code ebm run} uses, with extra listeners to observe it. */
final class Training {

    record Result(Experiment experiment, TrainingOutcome outcome, TrainingEnd end, RunFolder folder) {
        CheckpointStore checkpoints() {
            return new CheckpointStore(folder.checkpoints());
        }
    }

    private Training() {}

    static Result train(ExperimentSpec spec, Path runs, Optional<Checkpoint> resume, TrainingListener... extra) {
        Injector experiment = Fixtures.injector().createChildInjector(new ExperimentModule(spec));
        RunFolder folder = RunFolder.create(runs, spec.name(), f -> { });
        Injector run = experiment.createChildInjector(
                new RunModule(folder, new PrintStream(OutputStream.nullOutputStream()), false, Provenance.of(spec.seed(), List.of(), "test")),
                binder -> {
                    Multibinder<TrainingListener> listeners = Multibinder.newSetBinder(binder, TrainingListener.class);
                    for (TrainingListener l : extra) {
                        listeners.addBinding().toInstance(l);
                    }
                });
        TrainingEnd end = run.getInstance(Trainer.class).run(resume);
        return new Result(experiment.getInstance(Experiment.class), run.getInstance(RunSummary.class).outcome(), end, folder);
    }
}
