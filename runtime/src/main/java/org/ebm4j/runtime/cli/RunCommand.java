package org.ebm4j.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ebm4j.runtime.plugin.PluginSystem;
import org.ebm4j.runtime.run.RunResult;
import org.ebm4j.runtime.run.Runs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", mixinStandardHelpOptions = true, description = "Train an experiment into a new run folder.")
final class RunCommand implements Callable<Integer> {

    @ParentCommand
    EbmCommand root;

    @Parameters(index = "0", paramLabel = "FILE", description = "The experiment file (HOCON).")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting (repeatable): train.steps=100")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--out", paramLabel = "DIR", description = "Where run folders go (default: ./runs).")
    Path out = Path.of("runs");

    @Override
    public Integer call() {
        try (PluginSystem plugins = root.loadPlugins()) {
            RunResult result = new Runs(plugins).run(file, overrides, out, root.out, System.console() != null);
            return Report.finished(root, result);
        }
    }
}
