package org.ebm4j.runtime.cli;

import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.ebm4j.api.ConfigException;
import org.ebm4j.runtime.plugin.PluginSystem;
import org.ebm4j.runtime.run.Runs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run from its newest good checkpoint, in the same folder (from step 0 if it has none).")
final class ResumeCommand implements Callable<Integer> {

    @ParentCommand
    EbmCommand root;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder (runs/<experiment>/<run-id>).")
    Path runDir;

    @Option(names = "--steps", paramLabel = "N",
            description = "Train to N steps in all (more than the run has; recorded in its config.conf).")
    Long steps;

    @Override
    public Integer call() {
        if (steps != null && steps < 1) {
            throw new ConfigException("--steps", "command line", "must be at least 1, got " + steps);
        }
        try (PluginSystem plugins = root.loadPlugins()) {
            return Report.finished(root, new Runs(plugins).resume(runDir, steps == null ? OptionalLong.empty() : OptionalLong.of(steps),
                    root.out, System.console() != null));
        }
    }
}
