package org.ebm4j.plugins.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.plugins.analytic.GaussianEnergy;
import org.ebm4j.plugins.analytic.GaussianMixtureEnergy;
import org.ebm4j.plugins.mcmc.MalaProvider;
import org.ebm4j.plugins.noise.GaussianNoiseProvider;
import org.ebm4j.testkit.ContractSupport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * AIS on energies whose log Z is known: forward and reverse estimates bracket it within three standard errors, and
 * the bracket narrows as the number of temperatures grows. The data are exact draws of the model, so the reverse
 * pass starts from exact samples and is a true upper bound.
 */
class AisTest {

    static final Map<ComponentProvider<?>, String> NESTED = Map.of(new GaussianNoiseProvider(), "noise", new MalaProvider(), "sampler",
            new org.ebm4j.plugins.mcmc.HmcProvider(), "sampler");

    static Evaluation evaluate(EnergyModel model, Dataset data, String settings, long seed) {
        Evaluator ais = ContractSupport.build(new AisProvider(), "evaluator",
                com.typesafe.config.ConfigFactory.parseString(settings), NESTED, model.dimension(), 1);
        try (GradMode.Scope off = GradMode.off(); RandomSource random = RandomSource.seeded(seed)) {
            return ais.evaluate(new EvaluationContext(model, data, 0, true, java.nio.file.Path.of("."), Optional.empty(), random));
        }
    }

    /** Exact draws of a Gaussian mixture (weights, means, one covariance for all) as train and test rows. */
    static Dataset mixtureDraws(double[] weights, double[][] means, INDArray covariance, int n, long seed) {
        INDArray lowerT = org.ebm4j.api.tensor.Cholesky.lower(covariance).transpose().dup();
        try (RandomSource random = RandomSource.seeded(seed)) {
            INDArray[] parts = new INDArray[2];
            for (int p = 0; p < 2; p++) {
                INDArray x = random.normal(DataType.DOUBLE, n, means[0].length).array().mmul(lowerT);
                for (int i = 0; i < n; i++) {
                    double u = random.nextDouble();
                    int k = 0;
                    for (double acc = weights[0]; u > acc && k < weights.length - 1; acc += weights[++k]) {
                        // the component whose cumulative weight first exceeds u
                    }
                    x.getRow(i).addi(Nd4j.createFromArray(means[k]));
                }
                parts[p] = x;
            }
            return new Dataset("exact draws", parts[0], parts[1]);
        }
    }

    private static final double[] WEIGHTS = {0.3, 0.7};
    private static final double[][] MEANS = {{-2, 0}, {2, 1}};

    /** 0.3 N((−2, 0), I/4) + 0.7 N((2, 1), I/4): modes 8 standard deviations apart, log Z = 0. */
    private static GaussianMixtureEnergy twoModes() {
        INDArray precision = Nd4j.eye(2).castTo(DataType.DOUBLE).muli(4);
        return new GaussianMixtureEnergy(WEIGHTS, Nd4j.createFromArray(MEANS), List.of(precision, precision), false, false, false, DataType.DOUBLE);
    }

    private static Dataset twoModeDraws(int n, long seed) {
        return mixtureDraws(WEIGHTS, MEANS, Nd4j.eye(2).castTo(DataType.DOUBLE).muli(0.25), n, seed);
    }

    /**
     * Forward AIS is a stochastic lower bound and reverse AIS (RAISE) a stochastic upper one: each may exceed its side
     * of log Z by sampling error only (three standard errors), and each lies within {@code slack} on its own side, the
     * looseness the path's length allows (RAISE's per-row estimate is the more conservative of the two).
     */
    private static void assertBrackets(Evaluation e, double logZ, double slack) {
        double lower = e.metrics().get("log-z");
        double upper = e.metrics().get("log-z/upper");
        double lowerSe = e.metrics().get("log-z/se");
        double upperSe = e.metrics().get("log-z/upper-se");
        assertThat(lower).as("forward AIS is a lower bound").isBetween(logZ - slack - 3 * lowerSe, logZ + 3 * lowerSe);
        assertThat(upper).as("reverse AIS is an upper bound").isBetween(logZ - 3 * upperSe, logZ + slack + 3 * upperSe);
    }

    @Test
    void bracketsTheLogNormaliserOfABimodalMixture() {
        GaussianMixtureEnergy mixture = twoModes();
        Evaluation e = evaluate(mixture, twoModeDraws(400, 3), "temperatures = 100, chains = 300, reverse-chains = 300, tune-chains = 50", 5);
        System.out.println("AIS on the two-mode mixture: " + e.metrics());
        assertBrackets(e, mixture.logPartition(), 0.05);
        assertThat(e.metrics().get("test-nll/lower")).isLessThanOrEqualTo(e.metrics().get("test-nll/upper")
                + 3 * (e.metrics().get("log-z/se") + e.metrics().get("log-z/upper-se")));
        assertThat(e.metrics().get("log-z/ess")).isGreaterThan(50);
        assertThat(e.metrics().get("seconds")).isPositive();
    }

    @Test
    void hamiltonianTransitionsBracketItToo() {
        GaussianMixtureEnergy mixture = twoModes();
        Evaluation e = evaluate(mixture, twoModeDraws(400, 3), "temperatures = 100, chains = 200, reverse-chains = 200, tune-chains = 50, "
                + "transition { type = hmc, steps = 1, leapfrog-steps = 3, warmup = 10, step-size = 0.1 }", 6);
        assertBrackets(e, mixture.logPartition(), 0.05);
        assertThat(e.metrics().get("transition/step-max")).as("tuned, not the initial step").isNotEqualTo(0.1);
    }

    @Test
    void bracketsTheLogNormaliserOfACorrelatedGaussianInTenDimensions() {
        int d = 10;
        INDArray a;
        try (RandomSource random = RandomSource.seeded(17)) {
            a = random.uniform(-0.5, 0.5, DataType.DOUBLE, d, d).array().dup();
        }
        INDArray precision = a.mmul(a.transpose()).addi(Nd4j.eye(d).castTo(DataType.DOUBLE));
        double[] mean = new double[d];
        for (int i = 0; i < d; i++) {
            mean[i] = -1 + 2.0 * i / (d - 1);
        }
        GaussianEnergy gaussian = new GaussianEnergy(Nd4j.createFromArray(mean).reshape(1, d), precision, false, false, DataType.DOUBLE);
        INDArray covariance = org.nd4j.linalg.inverse.InvertMatrix.invert(precision, false);
        covariance = covariance.add(covariance.transpose()).muli(0.5); // exactly symmetric for the factorisation
        // a base twice as wide as the data: the path has somewhere to go
        Evaluation e = evaluate(gaussian, mixtureDraws(new double[] {1}, new double[][] {mean}, covariance, 400, 7),
                "temperatures = 100, chains = 200, reverse-chains = 200, tune-chains = 50, base.scale = 2", 9);
        assertBrackets(e, gaussian.logPartition(), 0.5);
    }

    /** The two-mode mixture in d = 64 (the same two modes, 62 more dimensions): the size of the digits. */
    @Test
    void bracketsTheLogNormaliserOfABimodalMixtureInSixtyFourDimensions() {
        int d = 64;
        double[][] means = new double[2][d];
        System.arraycopy(MEANS[0], 0, means[0], 0, 2);
        System.arraycopy(MEANS[1], 0, means[1], 0, 2);
        INDArray precision = Nd4j.eye(d).castTo(DataType.DOUBLE).muli(4);
        GaussianMixtureEnergy mixture = new GaussianMixtureEnergy(WEIGHTS, Nd4j.createFromArray(means), List.of(precision, precision),
                false, false, false, DataType.DOUBLE);
        Dataset data = mixtureDraws(WEIGHTS, means, Nd4j.eye(d).castTo(DataType.DOUBLE).muli(0.25), 500, 31);
        Evaluation e = evaluate(mixture, data, "temperatures = 200, chains = 150, reverse-chains = 150, tune-chains = 50", 33);
        System.out.println("AIS on the two-mode mixture in 64-D: " + e.metrics());
        assertBrackets(e, mixture.logPartition(), 0.3);
    }

    @Test
    void moreTemperaturesNarrowTheBracket() {
        GaussianMixtureEnergy mixture = twoModes();
        Dataset data = twoModeDraws(300, 11);
        Evaluation few = evaluate(mixture, data, "temperatures = 10, chains = 300, reverse-chains = 300, tune-chains = 50", 13);
        Evaluation many = evaluate(mixture, data, "temperatures = 150, chains = 300, reverse-chains = 300, tune-chains = 50", 13);
        System.out.printf(java.util.Locale.ROOT, "AIS bracket on log Z (truth 0): K=10 [%.4f, %.4f], K=150 [%.4f, %.4f]%n",
                few.metrics().get("log-z"), few.metrics().get("log-z/upper"), many.metrics().get("log-z"), many.metrics().get("log-z/upper"));
        double fewWidth = few.metrics().get("log-z/upper") - few.metrics().get("log-z");
        double manyWidth = many.metrics().get("log-z/upper") - many.metrics().get("log-z");
        assertThat(manyWidth).isLessThan(fewWidth / 2);
        assertThat(manyWidth).isLessThan(0.1);
    }

    /**
     * A fitted flow as an energy, {@code E = −log q}, is normalised: AIS from a Gaussian base must find log Z = 0 (the
     * highest-dimensional known answer there is; here in d = 6 at the size of a unit test, {@code benchmarks} has it on
     * the 64-D digits).
     */
    @Test
    void recoversTheZeroLogNormaliserOfAFittedFlow() {
        int d = 6;
        Dataset data = ContractSupport.standardData(d, 21);
        org.ebm4j.api.noise.NoiseDistribution flow = ContractSupport.build(new org.ebm4j.plugins.flow.FlowNoiseProvider(), "noise",
                "layers = 4, hidden = [32, 32], fit { steps = 300, eval-every = 100, patience = 0 }", d, 22);
        try (RandomSource random = RandomSource.seeded(23)) {
            flow.fit(data, random);
        }
        EnergyModel minusLogQ = ContractSupport.minusLogDensity(flow, d);
        Evaluation e = evaluate(minusLogQ, data, "temperatures = 100, chains = 200, reverse-chains = 0, tune-chains = 50", 24);
        double se = e.metrics().get("log-z/se");
        assertThat(e.metrics().get("log-z")).isCloseTo(0, within(3 * se + 0.02));
    }
}
