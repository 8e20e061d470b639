package org.ebm4j.runtime.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.google.inject.name.Names;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.runtime.experiment.Experiment;
import org.ebm4j.runtime.run.MetricsLog;
import org.ebm4j.runtime.run.ProgressReporter;
import org.ebm4j.runtime.run.Provenance;
import org.ebm4j.runtime.run.RunFolder;
import org.ebm4j.runtime.training.CheckpointStore;
import org.ebm4j.runtime.training.Trainer;
import org.ebm4j.runtime.training.TrainingData;
import org.ebm4j.runtime.training.TrainingState;
import org.ebm4j.runtime.training.listener.Checkpointing;
import org.ebm4j.runtime.training.listener.DivergenceGuard;
import org.ebm4j.runtime.training.listener.EarlyStopper;
import org.ebm4j.runtime.training.listener.Evaluations;
import org.ebm4j.runtime.training.listener.MetricWindow;
import org.ebm4j.runtime.training.listener.PluginListeners;
import org.ebm4j.runtime.training.listener.RunSummary;

/**
 * One training run, in a child of its experiment's injector: the run folder, the console, the clock, the training
 * state and data, the trainer, and the training listeners, collected with a {@code Multibinder} in the order they
 * act: the divergence guard first (no one sees a diverged step), producers of metrics, the experiment's plugin
 * listeners, checkpoints and evaluations, then the sinks, and the summary last.
 */
public final class RunModule extends AbstractModule {

    /** The runtime's listeners, in the order they are called. */
    static final List<Class<? extends TrainingListener>> LISTENERS = List.of(DivergenceGuard.class, MetricWindow.class,
            EarlyStopper.class, PluginListeners.class, Checkpointing.class, Evaluations.class, MetricsLog.class,
            ProgressReporter.class, RunSummary.class);

    private final RunFolder folder;
    private final PrintStream console;
    private final boolean terminal;
    private final Provenance provenance;

    public RunModule(RunFolder folder, PrintStream console, boolean terminal, Provenance provenance) {
        this.folder = folder;
        this.console = console;
        this.terminal = terminal;
        this.provenance = provenance;
    }

    @Override
    protected void configure() {
        bind(RunFolder.class).toInstance(folder);
        bind(PrintStream.class).annotatedWith(Names.named("console")).toInstance(console);
        bind(Boolean.class).annotatedWith(Names.named("terminal")).toInstance(terminal);
        bind(Provenance.class).toInstance(provenance);
        bind(Clock.class).toInstance(Clock.systemUTC());
        bind(Trainer.class).in(Singleton.class);
        Multibinder<TrainingListener> listeners = Multibinder.newSetBinder(binder(), TrainingListener.class);
        for (Class<? extends TrainingListener> type : LISTENERS) {
            bind(type).in(Singleton.class);
            listeners.addBinding().to(type);
        }
    }

    @Provides
    @Singleton
    TrainingState state(Experiment experiment) {
        return new TrainingState(experiment.model(), Optional.of(experiment.trainable()), experiment.streams(),
                Optional.of(experiment.spec().train().optimizer()));
    }

    @Provides
    @Singleton
    TrainingData data(Experiment experiment) {
        return TrainingData.of(experiment);
    }

    @Provides
    CheckpointStore checkpoints(RunFolder folder) {
        return new CheckpointStore(folder.checkpoints());
    }
}
