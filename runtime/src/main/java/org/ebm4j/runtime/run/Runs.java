package org.ebm4j.runtime.run;

import com.google.inject.Injector;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.nio.file.Files;
import com.typesafe.config.Config;
import org.ebm4j.runtime.config.UsageException;
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
        Provenance provenance = Provenance.of(spec.seed(), plugins.plugins(), file.toAbsolutePath().toString(), overrides)
                .withData(Injection.get(experiment, Experiment.class).data().coordinates());
        RunFolder folder = RunFolder.create(outRoot, spec.name(), f -> {
            f.writeText(f.config(), ExperimentLoader.render(spec.resolved()));
            f.writeJson(f.provenance(), provenance.values());
        });
        try (RunLock lock = folder.lock()) {
            return train(experiment, folder, provenance, Optional.empty(), console, terminal);
        }
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

    /**
     * Continues the run in {@code runDir}, in the same folder, from its newest checkpoint that validates (a damaged
     * newer one is reported and skipped), or from step 0 if it has none yet. {@code steps} raises {@code train.steps}
     * (recorded in its {@code config.conf}). A run that has finished, and is not given more steps, is left as it is.
     */
    public RunResult resume(Path runDir, OptionalLong steps, PrintStream console, boolean terminal) {
        RunFolder folder = RunFolder.open(runDir);
        try (RunLock lock = folder.lock()) {
            int removed = folder.removeTemporaryFiles();
            if (removed > 0) {
                console.println("removed " + removed + " temporary file(s) an interrupted write left in " + runDir);
            }
            Config stored = ExperimentLoader.parseStored(folder.config());
            List<String> overrides = steps.isPresent() ? List.of("train.steps=" + steps.getAsLong()) : List.of();
            Injector experiment = experiment(loader.load(stored, folder.config(), overrides));
            ExperimentSpec spec = experiment.getInstance(ExperimentSpec.class);
            long total = spec.train().steps();
            CheckpointStore store = new CheckpointStore(folder.checkpoints());
            long planned = stored.hasPath("train.steps") ? stored.getLong("train.steps") : total;
            Optional<CheckpointStore.Loaded> from = store.newestValid(c -> c.step() <= Math.max(planned, total) ? null
                    : "its step " + c.step() + " is beyond the run's train.steps (" + Math.max(planned, total) + ")",
                    warning -> console.println("warning: " + warning));
            if (from.isEmpty() && !store.all().isEmpty()) {
                throw new UsageException("No checkpoint of " + runDir + " can be used (see the warnings above). To train it again "
                        + "from step 0, move its checkpoints/ folder away and resume again");
            }
            long at = from.map(l -> l.checkpoint().step()).orElse(0L);
            if (at > total) {
                throw new UsageException("Run " + runDir + " is at step " + at + "; --steps " + total + " would shorten it. Give "
                        + "more steps than it has, or sample its checkpoint as it is");
            }
            if (at == total && Files.isRegularFile(folder.summary())) {
                return RunResult.unchanged(folder.dir(), "Run " + runDir + " has finished (step " + at + " of " + total
                        + "); nothing was changed. To train it further: ebm resume " + runDir + " --steps N, with N > " + total);
            }
            if (steps.isPresent()) {
                folder.writeText(folder.config(), ExperimentLoader.render(spec.resolved()));
            }
            folder.truncateMetrics(at);
            if (from.isEmpty()) {
                console.println("no checkpoint in " + runDir + " yet: training it from step 0");
            } else {
                console.println("resuming from " + from.get().file().getFileName() + " (step " + at + " of " + total + ")");
            }
            org.ebm4j.api.data.DataCoordinates units = Injection.get(experiment, Experiment.class).data().coordinates();
            Optional<String> changed = from.flatMap(l -> Provenance.dataChanged(l.checkpoint().provenance(), units));
            if (changed.isPresent()) {
                throw new UsageException("Cannot resume " + runDir + ": " + changed.get() + ". Training on would mix two scalings; "
                        + "restore the data file, or start a new run");
            }
            Provenance provenance = Provenance.of(spec.seed(), plugins.plugins(), folder.config().toAbsolutePath().toString())
                    .withData(units);
            return train(experiment, folder, provenance, from.map(CheckpointStore.Loaded::checkpoint), console, terminal);
        }
    }

    private Injector experiment(ExperimentSpec spec) {
        return Injection.child(plugins.injector(), new ExperimentModule(spec));
    }

    private static RunResult train(Injector experiment, RunFolder folder, Provenance provenance, Optional<Checkpoint> from,
                                   PrintStream console, boolean terminal) {
        Injector run = Injection.child(experiment, new RunModule(folder, console, terminal, provenance));
        Injection.get(run, Trainer.class).run(from);
        return RunResult.trained(folder.dir(), run.getInstance(RunSummary.class).outcome());
    }

    /**
     * What the numbers of a run are in, for {@code summary.json}: samples and pictures in the data's units, NLLs in nats
     * per example in those units (the model's own NLL plus the log-determinant of the map from its coordinates).
     */
    public static Map<String, Object> units(org.ebm4j.api.data.Dataset data) {
        org.ebm4j.api.data.DataCoordinates c = data.coordinates();
        Map<String, Object> u = new LinkedHashMap<>();
        u.put("nll", c.isIdentity() ? "nats per example, in the data's own units"
                : String.format(java.util.Locale.ROOT, "nats per example, in the data's own units (the model trains on standardised "
                        + "columns; its NLL there plus the log-determinant %.6g)", c.logDeterminant()));
        u.put("samples", "the data's own units");
        if (!c.isIdentity()) {
            u.put("other", "distances between distributions (mmd, ksd, fisher-divergence) are computed in the model's standardised "
                    + "coordinates; grid TV and mode shares do not depend on the units");
        }
        u.put("data", c.describe());
        return u;
    }

    /** Metrics for JSON, which has no NaN or infinity: those become the strings "NaN", "Infinity". */
    public static Map<String, Object> finite(Map<String, Double> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, Double.isFinite(v) ? v : String.valueOf(v)));
        return out;
    }
}
