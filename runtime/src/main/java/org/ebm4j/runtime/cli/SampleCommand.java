package org.ebm4j.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import org.ebm4j.runtime.plugin.PluginSystem;
import org.ebm4j.runtime.sample.SampleRequest;
import org.ebm4j.runtime.sample.Sampling;
import org.ebm4j.runtime.sample.SamplingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "sample", mixinStandardHelpOptions = true,
        description = {"Draw samples from a trained model (a run folder or a checkpoint) or from the model of an experiment "
                + "file (e.g. an analytic one) with any sampler, and write samples.npy, samples.csv, diagnostics.json and "
                + "samples.png.",
                "Exit 0 if all chains ended finite, 1 if some diverged (the files are still written), 2 on a bad configuration."})
final class SampleCommand implements Callable<Integer> {

    @ParentCommand
    EbmCommand root;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "A run folder (its latest checkpoint), a .ckpt file, or an experiment file.")
    Path source;

    @Option(names = "--sampler", paramLabel = "NAME", description = "The sampler (default: the experiment's `sampler`); see `ebm plugins`.")
    String sampler;

    @Option(names = "--n", paramLabel = "N", description = "Number of chains, i.e. samples (default: " + SampleRequest.DEFAULT_CHAINS
            + ", or one per row of an --init file).")
    Integer chains;

    @Option(names = "--steps", paramLabel = "K", description = "Sets the sampler's `steps`.")
    Integer steps;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a setting: sampler.step-size=0.05")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--init", paramLabel = "FROM", defaultValue = "uniform",
            description = "Where chains start: any noise distribution by name, fitted to the training data (uniform: the data's "
                    + "box; gaussian: its mean and covariance; empirical: training points; flow-noise, ...), or a .npy matrix "
                    + "[chains, d] in the data's units (as samples.npy holds them). Default: ${DEFAULT-VALUE}.")
    String init;

    @Option(names = "--init-margin", paramLabel = "M", description = "How far --init uniform's box reaches beyond the data, in the model's (standardised) "
            + "units. Default: 1.0.")
    Double initMargin;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the initial states and chains (default: the experiment's).")
    Long seed;

    @Option(names = "--trace-every", paramLabel = "K", description = "Keep the chains' states every K steps and report "
            + "per-coordinate split-R̂ and bulk ESS (Vehtari et al. 2021), and draw energy-trace.png; the sampler's steps must be "
            + "a multiple of K.")
    Integer traceEvery;

    @Option(names = "--noise", description = "Draw from the objective's noise distribution instead (NCE's fitted noise, FCE's flow).")
    boolean noise;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: <run>/samples/<sampler>-<time>, "
            + "or ./samples/<experiment>/<sampler>-<time>).")
    Path out;

    @Override
    public Integer call() {
        SampleRequest request = new SampleRequest(source, Optional.ofNullable(sampler),
                chains == null ? OptionalInt.empty() : OptionalInt.of(chains),
                steps == null ? OptionalInt.empty() : OptionalInt.of(steps), overrides, init,
                initMargin == null ? 1.0 : initMargin, initMargin != null,
                seed == null ? OptionalLong.empty() : OptionalLong.of(seed), Optional.ofNullable(out), noise,
                traceEvery == null ? OptionalInt.empty() : OptionalInt.of(traceEvery));
        try (PluginSystem plugins = root.loadPlugins()) {
            SamplingResult result = new Sampling(plugins.injector()).run(request);
            root.out.println("samples folder: " + result.folder());
            Map<String, Object> report = result.report();
            root.out.println("parameters: " + report.get("parameters"));
            if (report.get("diagnostics") instanceof Map<?, ?> d) {
                d.forEach((k, v) -> root.out.println(k + ": " + format(v)));
            }
            if (report.get("trace") instanceof Map<?, ?> t) {
                t.forEach((k, v) -> root.out.println("trace " + k + ": " + format(v)));
            }
            for (String key : List.of("sampled", "grid-tv", "grid-tv-of-exact-draws", "modes", "mode-shares", "heaviest-mode-mass",
                    "heaviest-mode-samples", "wall-seconds", "chain-steps-per-s")) {
                if (report.containsKey(key)) {
                    root.out.println(key + ": " + format(report.get(key)));
                }
            }
            if (result.nonFiniteChains() > 0) {
                root.err.println("error: " + result.nonFiniteChains() + " of " + result.chains()
                        + " chains ended NaN or infinite: the sampler diverged; try a smaller step size");
                return EbmCommand.FAILURE;
            }
            return EbmCommand.OK;
        }
    }

    private static String format(Object v) {
        return v instanceof Double x ? String.format(Locale.ROOT, "%.4f", x) : String.valueOf(v);
    }
}
