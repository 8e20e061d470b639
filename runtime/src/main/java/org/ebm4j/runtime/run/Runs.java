package org.ebm4j.runtime.run;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.EbmException;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.config.ExperimentSpec;
import org.ebm4j.runtime.experiment.Experiment;
import org.ebm4j.runtime.experiment.ExperimentFactory;
import org.ebm4j.runtime.plugin.PluginSystem;
import org.ebm4j.runtime.training.Checkpoint;
import org.ebm4j.runtime.training.CheckpointStore;
import org.ebm4j.runtime.training.Trainer;
import org.ebm4j.runtime.training.TrainingListener;
import org.ebm4j.runtime.training.TrainingOutcome;

/** Starts and resumes runs: experiment file → validated spec → components → run folder → training → summary. */
public final class Runs {

    private final PluginSystem plugins;
    private final ExperimentLoader loader;
    private final ExperimentFactory factory;

    public Runs(PluginSystem plugins) {
        this.plugins = plugins;
        this.loader = new ExperimentLoader(plugins.components());
        this.factory = new ExperimentFactory(plugins.components(), loader);
    }

    /** Validates {@code file} (all problems at once), then trains into a new folder under {@code outRoot}. */
    public RunResult run(Path file, List<String> overrides, Path outRoot, List<TrainingListener> listeners) {
        ExperimentSpec spec = loader.load(file, overrides);
        Experiment experiment = factory.create(spec);
        experiment.trainable(); // before a run folder exists
        RunFolder folder = RunFolder.create(outRoot, spec.name());
        folder.writeText(folder.config(), ExperimentLoader.render(spec.resolved()));
        folder.writeJson(folder.provenance(), Provenance.of(spec.seed(), plugins.plugins(), file.toAbsolutePath().toString()));
        return train(experiment, folder, Optional.empty(), listeners);
    }

    /**
     * Validates {@code file} and builds its experiment (data, model, objective, sampler, evaluators) without
     * training: every problem a run would meet before its first step.
     */
    public ExperimentSpec check(Path file, List<String> overrides) {
        ExperimentSpec spec = loader.load(file, overrides);
        factory.create(spec);
        return spec;
    }

    /** Continues the run in {@code runDir} from its latest checkpoint, in the same folder. */
    public RunResult resume(Path runDir, List<TrainingListener> listeners) {
        RunFolder folder = RunFolder.open(runDir);
        ExperimentSpec spec = loader.load(folder.config(), List.of());
        Experiment experiment = factory.create(spec);
        Path latest = new CheckpointStore(folder.checkpoints()).latest()
                .orElseThrow(() -> new EbmException("Run " + runDir + " has no checkpoint to resume from"));
        Checkpoint checkpoint = CheckpointStore.read(latest);
        return train(experiment, folder, Optional.of(checkpoint), listeners);
    }

    private RunResult train(Experiment experiment, RunFolder folder, Optional<Checkpoint> from, List<TrainingListener> extra) {
        List<TrainingListener> listeners = new ArrayList<>();
        listeners.add(new MetricsLog(folder.metrics()));
        listeners.addAll(extra);
        TrainingOutcome outcome = new Trainer(experiment, new CheckpointStore(folder.checkpoints()), folder.plots(), listeners).run(from);
        folder.writeJson(folder.summary(), summary(experiment.spec(), outcome));
        CurvePlot.draw(folder.metrics(), folder.plots().resolve("curves.png"), experiment.spec().name() + ": losses, validation loss and test NLL");
        return new RunResult(folder.dir(), outcome);
    }

    private static Map<String, Object> summary(ExperimentSpec spec, TrainingOutcome outcome) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("experiment", spec.name());
        s.put("steps", outcome.steps());
        s.put("planned-steps", spec.train().steps());
        s.put("wall-seconds", outcome.seconds());
        s.put("steps-per-s", outcome.stepsPerSecond());
        s.put("diverged", outcome.diverged());
        outcome.divergence().ifPresent(d -> s.put("divergence", d));
        outcome.earlyStopping().ifPresent(e -> s.put("early-stopping", e));
        s.put("final-metrics", finite(outcome.metrics()));
        s.put("evaluation", finite(outcome.evaluation()));
        return s;
    }

    /** Metrics for JSON, which has no NaN or infinity: those become the strings "NaN", "Infinity". */
    public static Map<String, Object> finite(Map<String, Double> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Double.isFinite(v) ? v : String.valueOf(v)));
        return out;
    }
}
