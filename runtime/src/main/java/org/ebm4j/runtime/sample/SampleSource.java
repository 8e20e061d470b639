package org.ebm4j.runtime.sample;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ebm4j.api.EbmException;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.run.RunFolder;
import org.ebm4j.runtime.training.Checkpoint;
import org.ebm4j.runtime.training.CheckpointStore;

/**
 * What a sampling source provides: the experiment's configuration, trained parameters if any, and the folder
 * samples go to by default ({@code <run>/samples} for runs and their checkpoints, else {@code ./samples/<name>}).
 */
record SampleSource(Config config, Path origin, Optional<Checkpoint> checkpoint, Optional<Path> checkpointFile, Optional<Path> runDir) {

    static SampleSource of(Path path) {
        if (Files.isDirectory(path)) {
            RunFolder run = RunFolder.open(path);
            Path latest = new CheckpointStore(run.checkpoints()).latest().orElseThrow(() -> new EbmException(
                    "Run " + path + " has no checkpoint yet: nothing trained to sample (sample its experiment file to use the initial model)"));
            return new SampleSource(ExperimentLoader.parse(run.config()), run.config(), Optional.of(CheckpointStore.read(latest)), Optional.of(latest), Optional.of(path));
        }
        if (path.getFileName().toString().endsWith(".ckpt")) {
            if (!Files.isRegularFile(path)) {
                throw new EbmException("No checkpoint " + path);
            }
            Checkpoint c = CheckpointStore.read(path);
            Config config = ConfigFactory.parseString(c.config(), ConfigParseOptions.defaults().setOriginDescription(path.toString()));
            Path parent = path.toAbsolutePath().getParent();
            Optional<Path> run = parent != null && parent.getFileName().toString().equals("checkpoints")
                    && Files.isRegularFile(parent.getParent().resolve("config.conf")) ? Optional.of(parent.getParent()) : Optional.empty();
            return new SampleSource(config, path, Optional.of(c), Optional.of(path), run);
        }
        return new SampleSource(ExperimentLoader.parse(path), path, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** How the model's parameters were obtained, for the diagnostics. */
    String parametersOrigin() {
        return checkpoint.map(c -> "checkpoint step " + c.step() + " (" + checkpointFile.orElse(origin) + ")").orElse("as built from the experiment file (untrained)");
    }
}
