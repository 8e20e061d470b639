package org.ebm4j.runtime.sample;

import com.google.inject.Injector;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.data.NpyFile;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.ebm4j.runtime.config.ComponentResolver;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.config.ExperimentSpec;
import org.ebm4j.runtime.experiment.Experiment;
import org.ebm4j.runtime.experiment.ExperimentFactory;
import org.ebm4j.runtime.experiment.RandomStreams;
import org.ebm4j.runtime.run.AtomicFiles;
import org.ebm4j.runtime.run.RunFolder;
import org.ebm4j.runtime.run.RunSource;
import org.ebm4j.runtime.run.Runs;
import org.ebm4j.runtime.training.TrainingState;
import org.ebm4j.runtime.wiring.ExperimentModule;
import org.ebm4j.runtime.wiring.Injection;
import org.ebm4j.plots.ImagePictures;
import org.ebm4j.plots.Pictures;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ebm sample}: builds the source's experiment with the requested sampler, loads trained parameters, draws
 * initial states, runs the chains, and writes {@code samples.npy}, {@code samples.csv}, {@code diagnostics.json}
 * and {@code samples.png} into one folder (each file written whole).
 */
public final class Sampling {

    private final Injector injector;
    private final ExperimentLoader loader;
    private final ExperimentFactory factory;
    private final ComponentResolver resolver;

    /** Sampling with the components of {@code injector} (the plugins' injector). */
    public Sampling(Injector injector) {
        this.injector = injector;
        this.loader = injector.getInstance(ExperimentLoader.class);
        this.factory = injector.getInstance(ExperimentFactory.class);
        this.resolver = injector.getInstance(ComponentResolver.class);
    }

    public SamplingResult run(SampleRequest request) {
        RunSource source = RunSource.of(request.source());
        if (request.noise()) {
            return runNoise(request, source);
        }
        ExperimentSpec asWritten = loader.load(withSampler(source, request), source.origin(), overrides(request));
        int calls = request.traceEvery().isPresent() ? tracedCalls(asWritten, request.traceEvery().getAsInt()) : 1;
        ExperimentSpec spec = asWritten;
        if (request.traceEvery().isPresent()) {
            List<String> pieces = new ArrayList<>(overrides(request));
            pieces.add("sampler.steps=" + request.traceEvery().getAsInt()); // the sampler runs K steps a call, `calls` times
            spec = loader.load(withSampler(source, request), source.origin(), pieces);
        }
        Experiment experiment = experiment(spec);
        Sampler sampler = experiment.sampler().orElseThrow(); // withSampler made sure there is one
        EnergyModel model = experiment.model();
        source.checkpoint().ifPresent(c -> new TrainingState(model, experiment.objective(), experiment.streams(), Optional.empty())
                .restore(c, TrainingState.Scope.MODEL));
        source.checkpoint().ifPresent(c -> warnIfDataChanged(c.provenance(), experiment));

        long seed = request.seed().orElse(spec.seed());
        INDArray samples;
        Map<String, Double> diagnostics;
        double seconds;
        Trace trace = null;
        String initDescription;
        int chains;
        try (RandomStreams streams = new RandomStreams(seed); TensorScope scope = TensorScope.open()) {
            Tensor start;
            if (request.init().endsWith(".npy")) {
                INDArray given = experiment.data().coordinates().toModel(initFile(request, experiment.data().dimension()));
                chains = given.rows();
                start = Tensor.constant(given.castTo(model.dataType()));
                initDescription = "given states " + Arrays.toString(given.shape()) + " from " + request.init();
            } else {
                chains = chains(request);
                NoiseDistribution init = initNoise(request, spec, experiment);
                init.fit(experiment.data(), streams.stream("sample/init/fit"));
                try (GradMode.Scope off = GradMode.off()) {
                    start = Tensor.constant(init.sample(chains, streams.stream("sample/init")).array().castTo(model.dataType()));
                }
                initDescription = "noise '" + request.init() + "' fitted to the training data"
                        + (request.init().equals("uniform") ? " (the data's box widened by " + request.initMargin() + ")" : "");
            }
            RandomSource chainRandom = streams.stream("sample/chains");
            long t0 = System.nanoTime();
            if (request.traceEvery().isPresent()) {
                trace = Trace.run(sampler, model, start, chainRandom, calls, SampleRequest.TRACED_CHAINS);
                samples = trace.samples();
                diagnostics = trace.diagnostics();
            } else {
                SampleResult result = sampler.sample(model, start, new SamplerContext(chainRandom));
                samples = result.samples().array().dup();
                diagnostics = result.diagnostics();
            }
            seconds = (System.nanoTime() - t0) / 1e9;
        }

        ExperimentSpec built = spec;
        Path dir = request.out().orElseGet(() -> defaultFolder(source, built, samplerName(built)));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("source", request.source().toString());
        report.put("experiment", spec.name());
        report.put("parameters", source.parametersOrigin());
        report.put("sampler", spec.sampler().orElseThrow().settings().withValue("type",
                ConfigValueFactory.fromAnyRef(samplerName(spec))).root().unwrapped());
        report.put("chains", chains);
        report.put("init", initDescription);
        report.put("seed", seed);
        report.put("wall-seconds", seconds);
        // replicas count (parallel tempering moves all of them): the sampler says how many chain-steps a chain took
        Double steps = diagnostics.getOrDefault("replica-steps", diagnostics.get("steps"));
        if (steps != null && seconds > 0) {
            report.put("chain-steps-per-s", chains * steps / seconds);
        }
        report.put("diagnostics", Runs.finite(diagnostics));
        if (trace != null) {
            report.put("trace", trace.summary(request.traceEvery().getAsInt()));
            writeTrace(dir, trace, request.traceEvery().getAsInt(), spec.name() + ": " + samplerName(spec), experiment.data());
        }
        return finish(dir, samples, report, model, experiment, title(spec, sampler, chains, diagnostics), seed);
    }

    /** How many calls of {@code every} steps make the sampler's {@code steps}; a bad request if they do not divide. */
    private static int tracedCalls(ExperimentSpec spec, int every) {
        var settings = spec.sampler().orElseThrow().settings();
        if (!settings.hasPath("steps")) {
            throw new ConfigException("--trace-every", "command line", "needs a sampler with a `steps` setting; sampler '"
                    + samplerName(spec) + "' has none");
        }
        int steps = settings.getInt("steps");
        if (every < 1 || steps < every || steps % every != 0) {
            throw new ConfigException("--trace-every", "command line", "must divide the sampler's steps (" + steps
                    + ") into at least one piece, got " + every);
        }
        return steps / every;
    }

    /**
     * {@code trace.csv} (per coordinate: R̂ and bulk ESS), {@code energy-trace.png} and, for square images,
     * {@code chains.png} (the first chains over time, in the data's units).
     */
    private static void writeTrace(Path dir, Trace trace, int every, String title, org.ebm4j.api.data.Dataset data) {
        StringBuilder csv = new StringBuilder("coordinate,rhat,ess-bulk\n");
        for (int j = 0; j < trace.rhat().length; j++) {
            csv.append(j + 1).append(',').append(trace.rhat()[j]).append(',').append(trace.ess()[j]).append('\n');
        }
        AtomicFiles.write(dir.resolve("trace.csv"), tmp -> Files.writeString(tmp, csv, StandardCharsets.UTF_8));
        Pictures.writePng(Pictures.energyTrace(trace.energies(), every, title), dir.resolve("energy-trace.png"));
        int d = trace.rhat().length;
        int side = (int) Math.round(Math.sqrt(d));
        if (side * side == d && side >= 4 && trace.states().length > 0) {
            double[][][] states = new double[trace.states().length][][];
            for (int k = 0; k < states.length; k++) {
                states[k] = data.coordinates().toData(Nd4j.createFromArray(trace.states()[k])).toDoubleMatrix();
            }
            INDArray train = data.coordinates().toData(data.train());
            double[] range = {train.minNumber().doubleValue(), train.maxNumber().doubleValue()}; // the data's grey scale
            Pictures.writePng(ImagePictures.chains(states, side, every, title + ": chains over time", range[0], range[1]),
                    dir.resolve("chains.png"));
        }
    }

    private Experiment experiment(ExperimentSpec spec) {
        return Injection.get(Injection.child(injector, new ExperimentModule(spec)), Experiment.class);
    }

    /** Where chains start: a noise distribution by name (uniform, gaussian, empirical, a flow, ...), fitted to the data. */
    private NoiseDistribution initNoise(SampleRequest request, ExperimentSpec spec, Experiment experiment) {
        Config section = ConfigFactory.empty().withValue(ComponentResolver.TYPE, ConfigValueFactory.fromAnyRef(request.init(), "--init"));
        if (request.init().equals("uniform")) {
            section = section.withValue("margin", ConfigValueFactory.fromAnyRef(request.initMargin(), "--init-margin"));
        } else if (request.initMarginGiven()) {
            throw new ConfigException("--init-margin", "command line", "widens the box of --init uniform; --init is " + request.init());
        }
        SettingsReader r = new SettingsReader();
        ComponentResolver.Resolution init = resolver.resolveSection(ComponentKind.NOISE, section, "--init", r);
        r.throwIfAny();
        return factory.create(init.components().get("--init"), NoiseDistribution.class, init.components(), experiment.streams(),
                experiment.data().dimension());
    }

    /**
     * {@code --noise}: draws from the objective's noise distribution itself (NCE's fitted noise, FCE's trained
     * flow), restored from the checkpoint or, for an experiment file, fitted to the data as training would.
     */
    private SamplingResult runNoise(SampleRequest request, RunSource source) {
        if (request.sampler().isPresent() || request.steps().isPresent() || !request.init().equals("uniform")) {
            throw new ConfigException("--noise", "command line", "draws directly from the noise distribution: "
                    + "--sampler, --steps and --init do not apply");
        }
        ExperimentSpec spec = loader.load(source.config(), source.origin(), request.overrides());
        Experiment experiment = experiment(spec);
        Objective objective = experiment.objective().orElseThrow(() -> new ConfigException("objective", source.origin().toString(),
                "is missing: --noise samples the noise distribution of an objective such as nce or fce"));
        NoiseDistribution noise = objective.noise().orElseThrow(() -> new ConfigException("objective.type", source.origin().toString(),
                "objective '" + spec.objective().orElseThrow().type() + "' has no noise distribution to sample; --noise works with nce and fce"));
        long seed = request.seed().orElse(spec.seed());
        int chains = chains(request);
        try (RandomStreams streams = new RandomStreams(seed)) {
            RandomSource draw = streams.stream("sample/noise");
            source.checkpoint().ifPresent(c -> new TrainingState(experiment.model(), Optional.of(objective), experiment.streams(),
                    Optional.empty()).restore(c, TrainingState.Scope.COMPONENTS));
            objective.prepare(experiment.data(), streams.stream("sample/prepare")); // fits the noise unless it was restored
            INDArray samples;
            double seconds;
            try (GradMode.Scope off = GradMode.off(); TensorScope scope = TensorScope.open()) {
                long t0 = System.nanoTime();
                samples = noise.sample(chains, draw).array().dup();
                seconds = (System.nanoTime() - t0) / 1e9;
            }
            String noiseType = spec.objective().orElseThrow().settings().hasPath("noise.type")
                    ? spec.objective().orElseThrow().settings().getString("noise.type") : "noise";
            Path dir = request.out().orElseGet(() -> defaultFolder(source, spec, "noise-" + noiseType));
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("source", request.source().toString());
            report.put("experiment", spec.name());
            report.put("parameters", source.parametersOrigin());
            report.put("sampled", "the noise distribution '" + noiseType + "' of objective '" + spec.objective().orElseThrow().type() + "'");
            report.put("chains", chains);
            report.put("seed", seed);
            report.put("wall-seconds", seconds);
            Map<String, Double> metrics = new LinkedHashMap<>(noise.metrics());
            metrics.put("test-nll", meanNll(noise, experiment.data().test()) + experiment.data().coordinates().logDeterminant());
            report.put("diagnostics", Runs.finite(metrics));
            EnergyModel density = new NoiseAsEnergy(noise);
            return finish(dir, samples, report, density, experiment,
                    String.format(Locale.ROOT, "%s: %s draws from its %s noise, test NLL %.3f", spec.name(), chains, noiseType, metrics.get("test-nll")), seed);
        }
    }

    /** A checkpoint whose data map differs from today's data: its samples are read in the wrong units; say so. */
    static void warnIfDataChanged(Map<String, Object> provenance, Experiment experiment) {
        org.ebm4j.runtime.run.Provenance.dataChanged(provenance, experiment.data().coordinates()).ifPresent(m ->
                org.slf4j.LoggerFactory.getLogger(Sampling.class).warn("{}; samples and NLLs below use today's scaling", m));
    }

    private static double meanNll(NoiseDistribution noise, INDArray test) {
        try (GradMode.Scope off = GradMode.off(); TensorScope scope = TensorScope.open()) {
            return -noise.logProb(Tensor.constant(test)).mean().item();
        }
    }

    /** Writes the picture, {@code samples.npy}, {@code samples.csv} and {@code diagnostics.json}. */
    private static SamplingResult finish(Path dir, INDArray samples, Map<String, Object> report, EnergyModel density,
                                         Experiment experiment, String title, long seed) {
        int nonFinite = nonFiniteRows(samples);
        report.put("non-finite-chains", nonFinite);
        org.ebm4j.api.data.DataCoordinates units = experiment.data().coordinates();
        report.put("units", Runs.units(experiment.data()));
        try (RandomStreams streams = new RandomStreams(seed); RandomSource exact = streams.derive("sample/exact-draws")) {
            Pictures.Labels labels = density instanceof NoiseAsEnergy ? Pictures.Labels.noise("samples") : Pictures.Labels.model("samples");
            report.putAll(Pictures.samples(density, samples, experiment.data(), dir.resolve("samples.png"), title, labels, exact));
        }
        INDArray inDataUnits = units.toData(samples); // the model's coordinates are not what the user's file holds
        AtomicFiles.write(dir.resolve("samples.npy"), tmp -> Nd4j.writeAsNumpy(inDataUnits, tmp.toFile()));
        AtomicFiles.write(dir.resolve("samples.csv"), tmp -> Files.writeString(tmp, csv(inDataUnits, units.columns()), StandardCharsets.UTF_8));
        AtomicFiles.writeJson(dir.resolve("diagnostics.json"), report);
        return new SamplingResult(dir, samples.rows(), report, nonFinite);
    }

    /** The source's config with the requested sampler: the experiment's own if it has that type, else a fresh one. */
    private Config withSampler(RunSource source, SampleRequest request) {
        Config config = source.config();
        String current = config.hasPath("sampler.type") ? config.getString("sampler.type") : null;
        if (request.sampler().isPresent() && !request.sampler().get().equals(current)) {
            return config.withoutPath("sampler").withValue("sampler",
                    ConfigValueFactory.fromMap(Map.of("type", request.sampler().get())));
        }
        if (current == null && request.overrides().stream().noneMatch(o -> o.startsWith("sampler.type="))) {
            throw new ConfigException("sampler", source.origin().toString(), "is not set in the experiment: choose one with "
                    + "--sampler NAME; samplers: " + String.join(", ", resolver.components().names(ComponentKind.SAMPLER)));
        }
        return config;
    }

    private static List<String> overrides(SampleRequest request) {
        List<String> all = new ArrayList<>();
        request.steps().ifPresent(k -> all.add("sampler.steps=" + k));
        all.addAll(request.overrides());
        return all;
    }

    /** The rows of an {@code --init} .npy file: a matrix [chains, d] of finite numbers. */
    private static INDArray initFile(SampleRequest request, int d) {
        Path file = Path.of(request.init());
        INDArray states;
        try {
            states = NpyFile.read(file);
        } catch (NpyFile.FormatException e) {
            throw new ConfigException("--init", "command line", e.getMessage());
        }
        if (states.isNaN().any() || states.isInfinite().any()) {
            throw new ConfigException("--init", "command line", file + " holds NaN or infinite values; initial states must be finite");
        }
        if (states.rank() != 2 || states.columns() != d) {
            throw new ConfigException("--init", "command line", file + " must hold a matrix [chains, " + d + "], has shape "
                    + Arrays.toString(states.shape()));
        }
        if (request.chains().isPresent() && request.chains().getAsInt() != states.rows()) {
            throw new ConfigException("--n", "command line", "is " + request.chains().getAsInt() + " but the initial states file has "
                    + states.rows() + " rows; leave --n out to run one chain per row");
        }
        return states;
    }

    private static int chains(SampleRequest request) {
        int n = request.chains().orElse(SampleRequest.DEFAULT_CHAINS);
        if (n < 1) {
            throw new ConfigException("--n", "command line", "must be at least 1, got " + n);
        }
        return n;
    }

    private static String samplerName(ExperimentSpec spec) {
        return spec.sampler().orElseThrow().type();
    }

    private static String title(ExperimentSpec spec, Sampler sampler, int chains, Map<String, Double> d) {
        StringBuilder t = new StringBuilder(spec.name() + ": " + samplerName(spec) + ", " + chains + " chains");
        if (d.containsKey("steps")) {
            t.append(", ").append(Math.round(d.get("steps"))).append(" steps");
        }
        if (d.containsKey("acceptance-rate")) {
            t.append(String.format(Locale.ROOT, ", acceptance %.2f", d.get("acceptance-rate")));
        }
        return t.toString();
    }

    private static Path defaultFolder(RunSource source, ExperimentSpec spec, String sampler) {
        Path parent = source.runDir().map(r -> r.resolve("samples")).orElse(Path.of("samples", spec.name()));
        return RunFolder.newFolder(parent, sampler + "-");
    }

    private static int nonFiniteRows(INDArray samples) {
        INDArray bad = samples.isNaN().castTo(org.nd4j.linalg.api.buffer.DataType.INT32)
                .addi(samples.isInfinite().castTo(org.nd4j.linalg.api.buffer.DataType.INT32));
        return bad.max(1).gt(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().intValue();
    }

    private static String csv(INDArray samples, List<String> columns) {
        int d = samples.columns();
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < d; j++) {
            String name = columns.get(j);
            // RFC 4180: a name with a comma, quote or line break is quoted, its quotes doubled
            boolean quote = name.contains(",") || name.contains("\"") || name.contains("\n") || name.contains("\r");
            b.append(j == 0 ? "" : ",").append(quote ? '"' + name.replace("\"", "\"\"") + '"' : name);
        }
        b.append('\n');
        double[][] rows = samples.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleMatrix();
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                if (j > 0) {
                    b.append(',');
                }
                b.append(row[j]);
            }
            b.append('\n');
        }
        return b.toString();
    }
}
