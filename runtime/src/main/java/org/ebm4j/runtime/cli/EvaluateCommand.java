package org.ebm4j.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.ebm4j.runtime.evaluate.EvaluateRequest;
import org.ebm4j.runtime.evaluate.Evaluating;
import org.ebm4j.runtime.plugin.PluginSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = {"Evaluate a trained model (a run folder's latest checkpoint, or a .ckpt file) or the model of an "
                + "experiment file without retraining: the experiment's evaluators, or those named with --evaluator. "
                + "Writes evaluation.json and each evaluator's files into <run>/evaluations/<label>-<time>/.",
                "Exit 0 when every evaluator ran, 1 on a failure, 2 on a bad configuration."})
final class EvaluateCommand implements Callable<Integer> {

    @ParentCommand
    EbmCommand root;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A run folder, a .ckpt file, or an experiment file.")
    Path source;

    @Option(names = "--evaluator", paramLabel = "NAME|SECTION", description = "An evaluator to run instead of the experiment's "
            + "(repeatable): a name (ais, mmd, ksd, ...) or a HOCON section, e.g. '{type = mmd, bandwidths = [0.5]}'.")
    List<String> evaluators = new ArrayList<>();

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting, e.g. --set 'evaluators=[{type = ais, temperatures = 100}]'.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the evaluators' random streams (default: the experiment's).")
    Long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Where the evaluation folders go (default: <run>/evaluations, "
            + "or ./evaluations/<experiment>).")
    Path out;

    @Override
    public Integer call() {
        EvaluateRequest request = new EvaluateRequest(source, evaluators, overrides,
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed), Optional.ofNullable(out));
        try (PluginSystem plugins = root.loadPlugins()) {
            for (Evaluating.Result r : new Evaluating(plugins.injector()).run(request)) {
                root.out.println(r.label() + ": " + r.folder());
                r.evaluation().metrics().forEach((k, v) -> root.out.printf(Locale.ROOT, "  %s: %.6g%n", k, v));
                r.evaluation().warnings().forEach(w -> root.err.println("warning (" + r.label() + "): " + w));
            }
        }
        return EbmCommand.OK;
    }
}
