package org.ebm4j.benchmarks;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.plugins.analytic.GaussianEnergy;
import org.ebm4j.plugins.analytic.GaussianMixtureDataProvider;
import org.ebm4j.plugins.analytic.GaussianMixtureProvider;
import org.ebm4j.plugins.analytic.GaussianProvider;
import org.ebm4j.plugins.evaluation.AisProvider;
import org.ebm4j.plugins.flow.FlowNoiseProvider;
import org.ebm4j.plugins.mcmc.MalaProvider;
import org.ebm4j.plugins.noise.GaussianNoiseProvider;
import org.ebm4j.plugins.toydata.DigitsDataProvider;
import org.ebm4j.runtime.experiment.Standalone;
import org.ebm4j.testkit.ContractSupport;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AIS against known normalisers, at sizes the unit tests cannot afford: the analytic {@code gaussian} (a correlated
 * precision) and {@code gaussian-mixture} (two components eight standard deviations apart) models, whose log Z is
 * known in closed form, in d = 2, 10 and 64 for K = 100, 1000 and 10000 temperatures, forward and reverse; then a RealNVP flow fitted to the
 * 64-D digits as an energy, E = −log q, whose log Z is exactly 0 too. Prints markdown tables.
 * Run with {@code benchmarks/run ais [analytic|flow|all] [chains]}.
 */
public final class AisKnownAnswers {

    private static final Map<org.ebm4j.api.component.ComponentProvider<?>, ComponentKind> NESTED =
            Map.of(new GaussianNoiseProvider(), ComponentKind.NOISE, new MalaProvider(), ComponentKind.SAMPLER);

    private AisKnownAnswers() {}

    public static void main(String[] args) {
        String which = args.length > 0 ? args[0] : "all";
        int chains = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        System.out.printf(Locale.ROOT, "AIS, MALA transitions (step tuned per temperature), Gaussian base fitted to the training draws, "
                + "%d forward and %d reverse chains; the columns are the errors log Ẑ − log Z%n", chains, chains);
        if (!which.equals("flow")) {
            analytic(chains);
        }
        if (!which.equals("analytic")) {
            flow(chains);
        }
    }

    private static void analytic(int chains) {
        System.out.println("| model | d | K | log Z | forward error ± se | reverse error ± se | width | forward ESS | log Z in [lower − 3se, upper + 3se] | seconds |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int d : new int[] {2, 10, 64}) {
            for (String kind : new String[] {"gaussian", "gaussian-mixture"}) {
                EnergyModel model = kind.equals("gaussian") ? correlatedGaussian(d) : twoModes(d);
                Dataset data = draws(kind.equals("gaussian") ? gaussianData(d) : twoModeData(d), d);
                for (int k : new int[] {100, 1000, 10000}) {
                    report(kind, d, k, logPartition(model), evaluate(model, data, k, chains, 11L * d + k));
                }
            }
        }
    }

    private static void flow(int chains) {
        int d = 64;
        Dataset data;
        try (RandomSource random = RandomSource.seeded(0)) {
            DataSource digits = new Standalone(new DigitsDataProvider(), ComponentKind.DATA, Map.of())
                    .build(DataSource.class, ConfigFactory.parseString("test-fraction = 0.2, dequantise = true"), d, 0);
            data = digits.load(random);
        }
        NoiseDistribution flow = new Standalone(new FlowNoiseProvider(), ComponentKind.NOISE, Map.of()).build(NoiseDistribution.class,
                ConfigFactory.parseString("layers = 8, hidden = [128, 128], fit { steps = 4000, batch-size = 128, learning-rate = 1e-3, "
                        + "validation-fraction = 0.1, eval-every = 200, patience = 5 }"), d, 1);
        long t0 = System.nanoTime();
        try (RandomSource random = RandomSource.seeded(2)) {
            flow.fit(data, random);
        }
        System.out.printf(Locale.ROOT, "%nRealNVP (8 layers, [128, 128]) fitted to the digits in %.0f s; as an energy E = −log q its log Z is 0.%n",
                (System.nanoTime() - t0) / 1e9);
        EnergyModel minusLogQ = ContractSupport.minusLogDensity(flow, d);
        System.out.println("| model | d | K | log Z | forward error ± se | reverse error ± se | width | forward ESS | log Z in [lower − 3se, upper + 3se] | seconds |");
        System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
        for (int k : new int[] {100, 1000, 3000}) {
            report("flow on digits", d, k, 0, evaluate(minusLogQ, data, k, chains, 7L + k));
        }
    }

    private static Map<String, Double> evaluate(EnergyModel model, Dataset data, int temperatures, int chains, long seed) {
        Config settings = ConfigFactory.parseString(String.format(Locale.ROOT,
                "temperatures = %d, chains = %d, reverse-chains = %d, tune-chains = 100", temperatures, chains, chains));
        Evaluator ais = new Standalone(new AisProvider(), ComponentKind.EVALUATOR, NESTED).build(Evaluator.class, settings, model.dimension(), seed);
        try (GradMode.Scope off = GradMode.off(); RandomSource random = RandomSource.seeded(seed)) {
            return ais.evaluate(new EvaluationContext(model, data, 0, true, java.nio.file.Path.of("."), Optional.empty(), random)).metrics();
        }
    }

    /** The Gaussian's from its precision; the mixture's energy is a normalised −log density (log Z = 0). */
    private static double logPartition(EnergyModel model) {
        return model instanceof GaussianEnergy g ? g.logPartition() : 0.0;
    }

    private static void report(String model, int d, int k, double logZ, Map<String, Double> m) {
        double lower = m.get("log-z") - logZ;
        double lowerSe = m.get("log-z/se");
        double upper = m.get("log-z/upper") - logZ;
        double upperSe = m.get("log-z/upper-se");
        boolean covered = lower - 3 * lowerSe <= 0 && 0 <= upper + 3 * upperSe;
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.4f | %.4f ± %.4f | %.4f ± %.4f | %.4f | %.1f | %s | %.1f |%n", model, d, k,
                logZ, lower, lowerSe, upper, upperSe, upper - lower, m.get("log-z/ess"), covered ? "yes" : "NO", m.get("seconds"));
    }

    /** Λ = AAᵀ + I with A's entries uniform on (−½, ½): a correlated precision; the mean runs from −1 to 1. */
    private static INDArray precision(int d) {
        try (RandomSource random = RandomSource.seeded(17)) {
            INDArray a = random.uniform(-0.5, 0.5, DataType.DOUBLE, d, d).array();
            return a.mmul(a.transpose()).addi(Nd4j.eye(d).castTo(DataType.DOUBLE));
        }
    }

    private static double[] spreadMean(int d) {
        return IntStream.range(0, d).mapToDouble(i -> -1 + 2.0 * i / (d - 1)).toArray();
    }

    private static EnergyModel correlatedGaussian(int d) {
        return new Standalone(new GaussianProvider(), ComponentKind.MODEL, Map.of()).build(EnergyModel.class, ConfigFactory.parseString(
                "learn-mean = false, learn-precision = false, mean = " + row(spreadMean(d)) + ", precision = " + rows(precision(d))), d, 0);
    }

    private static String gaussianData(int d) {
        INDArray covariance = org.ebm4j.api.tensor.Cholesky.inverseOf(precision(d));
        covariance = covariance.add(covariance.transpose()).muli(0.5);
        return "means = [" + row(spreadMean(d)) + "], covariances = [" + rows(covariance) + "]";
    }

    /** 0.3 N(m₁, I/4) + 0.7 N(m₂, I/4), m₁ = (−2, 0, …), m₂ = (2, 1, 0, …): eight standard deviations apart. */
    private static String twoModeMeans(int d) {
        double[] m1 = new double[d];
        double[] m2 = new double[d];
        m1[0] = -2;
        m2[0] = 2;
        m2[1] = 1;
        return "[" + row(m1) + ", " + row(m2) + "], weights = [0.3, 0.7]";
    }

    private static String quarterIdentity(int d) {
        String c = rows(Nd4j.eye(d).castTo(DataType.DOUBLE).muli(0.25));
        return "[" + c + ", " + c + "]";
    }

    private static EnergyModel twoModes(int d) {
        return new Standalone(new GaussianMixtureProvider(), ComponentKind.MODEL, Map.of()).build(EnergyModel.class, ConfigFactory.parseString(
                "learn-weights = false, learn-means = false, learn-covariances = false, means = " + twoModeMeans(d)
                        + ", covariances = " + quarterIdentity(d)), d, 0);
    }

    private static String twoModeData(int d) {
        return "means = " + twoModeMeans(d) + ", covariances = " + quarterIdentity(d);
    }

    private static Dataset draws(String settings, int d) {
        DataSource source = new Standalone(new GaussianMixtureDataProvider(), ComponentKind.DATA, Map.of()).build(DataSource.class,
                ConfigFactory.parseString(settings + ", train-size = 2000, test-size = 1000"), d, 0);
        try (RandomSource random = RandomSource.seeded(3L * d)) {
            return source.load(random);
        }
    }

    private static String row(double[] v) {
        return IntStream.range(0, v.length).mapToObj(i -> Double.toString(v[i])).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String rows(INDArray m) {
        return IntStream.range(0, m.rows()).mapToObj(i -> row(m.getRow(i).toDoubleVector())).collect(Collectors.joining(", ", "[", "]"));
    }
}
