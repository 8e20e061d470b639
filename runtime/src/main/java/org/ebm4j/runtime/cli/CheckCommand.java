package org.ebm4j.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.EbmException;
import org.ebm4j.api.UnknownComponentException;
import org.ebm4j.runtime.plugin.PluginSystem;
import org.ebm4j.runtime.run.Runs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check experiment files without training: every setting and component name, and that data, model, "
                + "objective, sampler and evaluators can be built. Exit 0 if all are fine, 2 if any has a bad configuration.")
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    EbmCommand root;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Experiment files (HOCON).")
    List<Path> files;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting of every file.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        int worst = EbmCommand.OK;
        try (PluginSystem plugins = root.loadPlugins()) {
            Runs runs = new Runs(plugins);
            for (Path file : files) {
                try {
                    runs.check(file, overrides);
                    root.out.println("ok     " + file);
                } catch (ConfigException | UnknownComponentException e) {
                    root.out.println("bad    " + file);
                    root.err.println(e.getMessage());
                    worst = EbmCommand.BAD_CONFIGURATION;
                } catch (EbmException e) {
                    root.out.println("failed " + file);
                    root.err.println("error: " + e.getMessage());
                    worst = Math.max(worst, EbmCommand.FAILURE);
                }
            }
        }
        return worst;
    }
}
