package org.ebm4j.runtime.run;

import com.google.inject.Injector;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.EbmException;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.config.ExperimentSpec;
import org.ebm4j.runtime.experiment.Experiment;
import org.ebm4j.runtime.plugin.PluginSystem;
import org.ebm4j.runtime.training.Checkpoint;
import org.ebm4j.runtime.training.CheckpointStore;
import org.ebm4j.runtime.training.Trainer;
import org.ebm4j.runtime.training.listener.RunSummary;
import org.ebm4j.runtime.wiring.ExperimentModule;
import org.ebm4j.runtime.wiring.Injection;
import org.ebm4j.runtime.wiring.RunModule;

/**
 * Starts and resumes runs: experiment file → validated spec → the experiment's injector (components created and
 * checked, before any folder exists) → run folder → the run's injector → training → summary.
 */
public final class Runs {

    private final PluginSystem plugins;
    private final ExperimentLoader loader;

    public Runs(PluginSystem plugins) {
        this.plugins = plugins;
        this.loader = plugins.injector().getInstance(ExperimentLoader.class);
    }

    /** Validates {@code file} (all problems at once), then trains into a new folder under {@code outRoot}. */
    public RunResult run(Path file, List<String> overrides, Path outRoot, PrintStream console, boolean terminal) {
        Injector experiment = experiment(loader.load(file, overrides));
        ExperimentSpec spec = experiment.getInstance(ExperimentSpec.class);
        Injection.get(experiment, Experiment.class).trainable(); // before a run folder exists
        RunFolder folder = RunFolder.create(outRoot, spec.name());
        folder.writeText(folder.config(), ExperimentLoader.render(spec.resolved()));
        Provenance provenance = Provenance.of(spec.seed(), plugins.plugins(), file.toAbsolutePath().toString());
        folder.writeJson(folder.provenance(), provenance.values());
        return train(experiment, folder, provenance, Optional.empty(), console, terminal);
    }

    /**
     * Validates {@code file} and builds its experiment (every component, checked against the model and data it will
     * get) without training: every problem a run would meet before its first step.
     */
    public ExperimentSpec check(Path file, List<String> overrides) {
        Injector experiment = experiment(loader.load(file, overrides));
        Injection.get(experiment, Experiment.class);
        return experiment.getInstance(ExperimentSpec.class);
    }

    /** Continues the run in {@code runDir} from its latest checkpoint, in the same folder. */
    public RunResult resume(Path runDir, PrintStream console, boolean terminal) {
        RunFolder folder = RunFolder.open(runDir);
        Path latest = new CheckpointStore(folder.checkpoints()).latest()
                .orElseThrow(() -> new EbmException("Run " + runDir + " has no checkpoint to resume from"));
        Checkpoint checkpoint = CheckpointStore.read(latest);
        Injector experiment = experiment(loader.load(folder.config(), List.of()));
        ExperimentSpec spec = experiment.getInstance(ExperimentSpec.class);
        Provenance provenance = Provenance.of(spec.seed(), plugins.plugins(), folder.config().toAbsolutePath().toString());
        return train(experiment, folder, provenance, Optional.of(checkpoint), console, terminal);
    }

    private Injector experiment(ExperimentSpec spec) {
        return Injection.child(plugins.injector(), new ExperimentModule(spec));
    }

    private static RunResult train(Injector experiment, RunFolder folder, Provenance provenance, Optional<Checkpoint> from,
                                   PrintStream console, boolean terminal) {
        Injector run = Injection.child(experiment, new RunModule(folder, console, terminal, provenance));
        Injection.get(run, Trainer.class).run(from);
        return new RunResult(folder.dir(), run.getInstance(RunSummary.class).outcome());
    }

    /** Metrics for JSON, which has no NaN or infinity: those become the strings "NaN", "Infinity". */
    public static Map<String, Object> finite(Map<String, Double> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Double.isFinite(v) ? v : String.valueOf(v)));
        return out;
    }
}
