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
import org.ebm4j.runtime.sweep.SweepSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Check experiment files without training: every setting and component name, and that data, model, "
                + "objective, sampler and evaluators can be built. A sweep file (one with experiment and seeds) is checked "
                + "point by point: each variant and axis value once, at its first seed. Exit 0 if all are fine, 2 if any has a "
                + "bad configuration.")
final class CheckCommand implements Callable<Integer> {

    @ParentCommand
    EbmCommand root;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Experiment or sweep files (HOCON).")
    List<Path> files;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting of every file.")
    List<String> overrides = new ArrayList<>();

    @Override
    public Integer call() {
        int worst = EbmCommand.OK;
        try (PluginSystem plugins = root.loadPlugins()) {
            Runs runs = new Runs(plugins);
            for (Path file : files) {
                if (SweepSpec.isSweep(file)) {
                    SweepSpec spec;
                    try {
                        spec = SweepSpec.load(file);
                    } catch (ConfigException e) {
                        root.out.println("bad    " + file);
                        root.err.println(e.getMessage());
                        worst = EbmCommand.BAD_CONFIGURATION;
                        continue;
                    }
                    java.util.Set<String> seen = new java.util.HashSet<>();
                    for (SweepSpec.Point p : spec.points()) {
                        if (seen.add(p.label())) { // the seed changes no setting's validity
                            List<String> all = new ArrayList<>(p.overrides());
                            all.addAll(overrides);
                            worst = Math.max(worst, check(runs, p.experiment(), all, file + " [" + p.label() + "]"));
                        }
                    }
                } else {
                    worst = Math.max(worst, check(runs, file, overrides, file.toString()));
                }
            }
        }
        return worst;
    }

    private int check(Runs runs, Path file, List<String> settings, String name) {
        try {
            runs.check(file, settings);
            root.out.println("ok     " + name);
            return EbmCommand.OK;
        } catch (ConfigException | UnknownComponentException e) {
            root.out.println("bad    " + name);
            root.err.println(e.getMessage());
            return EbmCommand.BAD_CONFIGURATION;
        } catch (EbmException e) {
            root.out.println("failed " + name);
            root.err.println("error: " + e.getMessage());
            return EbmCommand.FAILURE;
        }
    }
}
