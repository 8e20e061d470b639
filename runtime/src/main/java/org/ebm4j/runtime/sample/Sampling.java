package org.ebm4j.runtime.sample;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.EbmException;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.InitialStates;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.config.ExperimentSpec;
import org.ebm4j.runtime.experiment.Experiment;
import org.ebm4j.runtime.experiment.ExperimentFactory;
import org.ebm4j.runtime.plugin.ComponentRegistry;
import org.ebm4j.runtime.run.AtomicFiles;
import org.ebm4j.runtime.run.RunFolder;
import org.ebm4j.runtime.run.Runs;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code ebm sample}: builds the source's experiment with the requested sampler, loads trained parameters, draws
 * initial states, runs the chains, and writes {@code samples.npy}, {@code samples.csv}, {@code diagnostics.json}
 * and {@code samples.png} into one folder (each file written whole).
 */
public final class Sampling {

    private final ComponentRegistry registry;
    private final ExperimentLoader loader;
    private final ExperimentFactory factory;

    public Sampling(ComponentRegistry registry) {
        this.registry = registry;
        this.loader = new ExperimentLoader(registry);
        this.factory = new ExperimentFactory(registry, loader);
    }

    public SamplingResult run(SampleRequest request) {
        SampleSource source = SampleSource.of(request.source());
        if (request.noise()) {
            return runNoise(request, source);
        }
        ExperimentSpec spec = loader.load(withSampler(source, request), source.origin(), overrides(request));
        Experiment experiment = factory.create(spec);
        Sampler sampler = experiment.sampler().orElseThrow(); // withSampler made sure there is one
        EnergyModel model = experiment.model();
        source.checkpoint().ifPresent(c -> {
            INDArray values = c.parameters().get("model");
            if (values == null) {
                throw new EbmException("Checkpoint " + source.origin() + " has no model parameters; it has " + c.parameters().keySet());
            }
            model.parameters().assign(values);
        });

        InitialStates initial = initialStates(request);
        int chains = chains(request, initial);
        long seed = request.seed().orElse(spec.seed());
        INDArray samples;
        Map<String, Double> diagnostics;
        double seconds;
        try (RandomSource root = RandomSource.seeded(seed);
             RandomSource initRandom = root.split("sample/init");
             RandomSource chainRandom = root.split("sample/chains");
             TensorScope scope = TensorScope.open()) {
            Tensor start = initial.fit(experiment.data().train()).draw(chains, model.dataType(), initRandom);
            long t0 = System.nanoTime();
            SampleResult result = sampler.sample(model, start, new SamplerContext(chainRandom));
            samples = result.samples().array().dup();
            seconds = (System.nanoTime() - t0) / 1e9;
            diagnostics = result.diagnostics();
        }

        Path dir = request.out().orElseGet(() -> defaultFolder(source, spec, samplerName(spec)));
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("source", request.source().toString());
        report.put("experiment", spec.name());
        report.put("parameters", source.parametersOrigin());
        report.put("sampler", spec.sampler().orElseThrow().settings().withValue("type",
                ConfigValueFactory.fromAnyRef(samplerName(spec))).root().unwrapped());
        report.put("chains", chains);
        report.put("init", describe(initial));
        report.put("seed", seed);
        report.put("wall-seconds", seconds);
        Double steps = diagnostics.get("steps");
        if (steps != null && seconds > 0) {
            report.put("chain-steps-per-s", chains * steps / seconds);
        }
        report.put("diagnostics", Runs.finite(diagnostics));
        return finish(dir, samples, report, model, experiment, title(spec, sampler, chains, diagnostics));
    }

    /**
     * {@code --noise}: draws from the objective's noise distribution itself (NCE's fitted noise, FCE's trained
     * flow), restored from the checkpoint or, for an experiment file, fitted to the data as training would.
     */
    private SamplingResult runNoise(SampleRequest request, SampleSource source) {
        if (request.sampler().isPresent() || request.steps().isPresent() || !request.init().equals("uniform")) {
            throw new ConfigException("--noise", "command line", "draws directly from the noise distribution: "
                    + "--sampler, --steps and --init do not apply");
        }
        ExperimentSpec spec = loader.load(source.config(), source.origin(), request.overrides());
        Experiment experiment = factory.create(spec);
        Objective objective = experiment.objective().orElseThrow(() -> new ConfigException("objective", source.origin().toString(),
                "is missing: --noise samples the noise distribution of an objective such as nce or fce"));
        NoiseDistribution noise = objective.noise().orElseThrow(() -> new ConfigException("objective.type", source.origin().toString(),
                "objective '" + spec.objective().orElseThrow().type() + "' has no noise distribution to sample; --noise works with nce and fce"));
        long seed = request.seed().orElse(spec.seed());
        int chains = chains(request, initialStates(request));
        try (RandomSource root = RandomSource.seeded(seed); RandomSource prepare = root.split("sample/prepare");
             RandomSource draw = root.split("sample/noise")) {
            source.checkpoint().ifPresent(c -> {
                objective.parameterGroups().forEach((name, p) -> {
                    INDArray values = c.parameters().get(name);
                    if (!p.isEmpty() && values != null) {
                        p.assign(values);
                    }
                });
                objective.restore(c.objectiveState());
            });
            objective.prepare(experiment.data(), prepare); // fits the noise unless it was restored
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
            metrics.put("test-nll", meanNll(noise, experiment.data().test()));
            report.put("diagnostics", Runs.finite(metrics));
            EnergyModel density = new NoiseAsEnergy(noise);
            return finish(dir, samples, report, density, experiment,
                    String.format(Locale.ROOT, "%s: %s draws from its %s noise, test NLL %.3f", spec.name(), chains, noiseType, metrics.get("test-nll")));
        }
    }

    private static double meanNll(NoiseDistribution noise, INDArray test) {
        try (GradMode.Scope off = GradMode.off(); TensorScope scope = TensorScope.open()) {
            return -noise.logProb(Tensor.constant(test)).mean().item();
        }
    }

    /** Writes the picture, {@code samples.npy}, {@code samples.csv} and {@code diagnostics.json}. */
    private static SamplingResult finish(Path dir, INDArray samples, Map<String, Object> report, EnergyModel density,
                                         Experiment experiment, String title) {
        int nonFinite = nonFiniteRows(samples);
        report.put("non-finite-chains", nonFinite);
        report.putAll(SamplePictures.draw(density, samples, experiment.data(), dir.resolve("samples.png"), title));
        AtomicFiles.write(dir.resolve("samples.npy"), tmp -> Nd4j.writeAsNumpy(samples, tmp.toFile()));
        AtomicFiles.write(dir.resolve("samples.csv"), tmp -> Files.writeString(tmp, csv(samples), StandardCharsets.UTF_8));
        AtomicFiles.writeJson(dir.resolve("diagnostics.json"), report);
        return new SamplingResult(dir, samples.rows(), report, nonFinite);
    }

    /** The source's config with the requested sampler: the experiment's own if it has that type, else a fresh one. */
    private Config withSampler(SampleSource source, SampleRequest request) {
        Config config = source.config();
        String current = config.hasPath("sampler.type") ? config.getString("sampler.type") : null;
        if (request.sampler().isPresent() && !request.sampler().get().equals(current)) {
            return config.withoutPath("sampler").withValue("sampler",
                    ConfigValueFactory.fromMap(Map.of("type", request.sampler().get())));
        }
        if (current == null && request.overrides().stream().noneMatch(o -> o.startsWith("sampler.type="))) {
            throw new ConfigException("sampler", source.origin().toString(), "is not set in the experiment: choose one with "
                    + "--sampler NAME; samplers: " + String.join(", ", registry.names(ComponentKind.SAMPLER)));
        }
        return config;
    }

    private static List<String> overrides(SampleRequest request) {
        List<String> all = new ArrayList<>();
        request.steps().ifPresent(k -> all.add("sampler.steps=" + k));
        all.addAll(request.overrides());
        return all;
    }

    private static InitialStates initialStates(SampleRequest request) {
        String init = request.init();
        if (InitialStates.NAMES.contains(init)) {
            return InitialStates.named(init, request.initMargin());
        }
        if (init.endsWith(".npy")) {
            Path file = Path.of(init);
            if (!Files.isRegularFile(file)) {
                throw new ConfigException("--init", "command line", "no such file " + file);
            }
            INDArray states;
            try {
                states = Nd4j.createFromNpyFile(file.toFile());
            } catch (RuntimeException e) {
                throw new ConfigException("--init", "command line", "cannot read " + file + " as a .npy matrix: " + e.getMessage());
            }
            if (states.rank() != 2) {
                throw new ConfigException("--init", "command line", file + " must hold a matrix [chains, d], has shape "
                        + java.util.Arrays.toString(states.shape()));
            }
            return new InitialStates.Given(states);
        }
        throw new ConfigException("--init", "command line", "must be one of " + String.join(", ", InitialStates.NAMES)
                + " or a .npy file of initial states, got '" + init + "'");
    }

    private static int chains(SampleRequest request, InitialStates initial) {
        if (initial instanceof InitialStates.Given given) {
            int rows = given.states().rows();
            if (request.chains().isPresent() && request.chains().getAsInt() != rows) {
                throw new ConfigException("--n", "command line", "is " + request.chains().getAsInt() + " but the initial states file has "
                        + rows + " rows; leave --n out to run one chain per row");
            }
            return rows;
        }
        int n = request.chains().orElse(SampleRequest.DEFAULT_CHAINS);
        if (n < 1) {
            throw new ConfigException("--n", "command line", "must be at least 1, got " + n);
        }
        return n;
    }

    private static String describe(InitialStates initial) {
        if (initial instanceof InitialStates.UniformBox box) {
            return "uniform on the data's box widened by " + box.margin();
        }
        if (initial instanceof InitialStates.Given given) {
            return "given states " + java.util.Arrays.toString(given.states().shape());
        }
        return initial instanceof InitialStates.FittedGaussian ? "Gaussian with the data's mean and covariance" : "training points";
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

    private static Path defaultFolder(SampleSource source, ExperimentSpec spec, String sampler) {
        Path parent = source.runDir().map(r -> r.resolve("samples")).orElse(Path.of("samples", spec.name()));
        return RunFolder.newFolder(parent, sampler + "-");
    }

    private static int nonFiniteRows(INDArray samples) {
        INDArray bad = samples.isNaN().castTo(org.nd4j.linalg.api.buffer.DataType.INT32)
                .addi(samples.isInfinite().castTo(org.nd4j.linalg.api.buffer.DataType.INT32));
        return bad.max(1).gt(0).castTo(org.nd4j.linalg.api.buffer.DataType.INT32).sumNumber().intValue();
    }

    private static String csv(INDArray samples) {
        int d = samples.columns();
        StringBuilder b = new StringBuilder();
        for (int j = 0; j < d; j++) {
            b.append(j == 0 ? "" : ",").append("x").append(j + 1);
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
