package org.ebm4j.runtime.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ebm4j.runtime.config.UsageException;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.training.Checkpoint;
import org.ebm4j.runtime.training.CheckpointStore;

/**
 * What {@code ebm sample} and {@code ebm evaluate} read a model from: a run folder (its latest checkpoint), a
 * {@code .ckpt} file, or an experiment file (the model as built, e.g. an analytic one). It provides the experiment's
 * configuration, the trained parameters if any, and the run folder results go into, if there is one.
 */
public record RunSource(Config config, Path origin, Optional<Checkpoint> checkpoint, Optional<Path> checkpointFile, Optional<Path> runDir) {

    public static RunSource of(Path path) {
        if (Files.isDirectory(path)) {
            RunFolder run = RunFolder.open(path);
            CheckpointStore store = new CheckpointStore(run.checkpoints());
            CheckpointStore.Loaded latest = store.newestValid(c -> null, w -> System.err.println("warning: " + w)).orElseThrow(() ->
                    new UsageException(store.all().isEmpty()
                            ? "Run " + path + " has no checkpoint yet: nothing trained to sample (sample its experiment file to use the initial model)"
                            : "No checkpoint of run " + path + " can be used (see the warnings above)"));
            return new RunSource(ExperimentLoader.parseStored(run.config()), run.config(), Optional.of(latest.checkpoint()),
                    Optional.of(latest.file()), Optional.of(path));
        }
        if (path.getFileName().toString().endsWith(".ckpt")) {
            if (!Files.isRegularFile(path)) {
                throw new UsageException("No checkpoint " + path);
            }
            Checkpoint c = CheckpointStore.read(path);
            Config config = ConfigFactory.parseString(c.config(), ConfigParseOptions.defaults().setOriginDescription(path.toString()));
            Path parent = path.toAbsolutePath().getParent();
            Optional<Path> run = parent != null && parent.getFileName().toString().equals("checkpoints")
                    && Files.isRegularFile(parent.getParent().resolve("config.conf")) ? Optional.of(parent.getParent()) : Optional.empty();
            return new RunSource(config, path, Optional.of(c), Optional.of(path), run);
        }
        return new RunSource(ExperimentLoader.parse(path), path, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** How the model's parameters were obtained, for the diagnostics. */
    public String parametersOrigin() {
        return checkpoint.map(c -> "checkpoint step " + c.step() + " (" + checkpointFile.orElse(origin) + ")").orElse("as built from the experiment file (untrained)");
    }
}
