package org.ebm4j.runtime.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.runtime.config.ExperimentSpec;

/**
 * An experiment's live components, created from its {@link ExperimentSpec} and checked against each other, and the
 * random streams it handed out. Evaluators are keyed by their label.
 */
public record Experiment(ExperimentSpec spec, Dataset data, EnergyModel model, Optional<Objective> objective,
                         Optional<Sampler> sampler, Map<String, Evaluator> evaluators, List<TrainingListener> listeners,
                         RandomStreams streams) {

    public Experiment {
        evaluators = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(evaluators));
        listeners = List.copyOf(listeners);
    }

    /** The objective to train with; an experiment without one is a bad configuration for training. */
    public Objective trainable() {
        return objective.orElseThrow(() -> new ConfigException("objective", spec.source().toString(),
                "is missing: an experiment without an objective can be checked and sampled (ebm sample) but not trained"));
    }
}
