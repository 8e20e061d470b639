package org.ebm4j.runtime.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.runtime.config.ExperimentSpec;
import org.ebm4j.runtime.config.TrainSettings;
import org.ebm4j.runtime.experiment.Experiment;
import org.ebm4j.runtime.experiment.ExperimentFactory;
import org.ebm4j.runtime.experiment.RandomStreams;

/**
 * One experiment, in a child of the plugins' injector: its validated spec, its components (created and checked
 * against each other once, on first use), its data, model and random streams. {@code ebm run}, {@code check},
 * {@code resume} and {@code sample} each make one.
 */
public final class ExperimentModule extends AbstractModule {

    private final ExperimentSpec spec;

    public ExperimentModule(ExperimentSpec spec) {
        this.spec = spec;
    }

    @Override
    protected void configure() {
        bind(ExperimentSpec.class).toInstance(spec);
        bind(TrainSettings.class).toInstance(spec.train());
    }

    @Provides
    @Singleton
    Experiment experiment(ExperimentFactory factory) {
        return factory.create(spec);
    }

    @Provides
    Dataset data(Experiment experiment) {
        return experiment.data();
    }

    @Provides
    EnergyModel model(Experiment experiment) {
        return experiment.model();
    }

    @Provides
    RandomStreams streams(Experiment experiment) {
        return experiment.streams();
    }
}
