package org.ebm4j.plugins.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.plugins.analytic.GaussianEnergy;
import org.ebm4j.plugins.analytic.GaussianMixtureEnergy;
import org.ebm4j.plugins.analytic.GaussianProblem;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MH, MALA and HMC against targets with known answers (docs/math.md). Every test runs many independent chains from an
 * over-dispersed start and uses only their final states: once the chains have forgotten the start these are
 * independent draws, so the effective sample size is the number of chains and the Monte-Carlo standard errors
 * below follow from it (mean: √(Σ_ii/n); covariance: √((Σ_ij² + Σ_ii Σ_jj)/n); a weight w: √(w(1−w)/n)). The
 * tolerance is five standard errors, with no other allowance.
 */
class KnownTargetsTest {

    private static final int CHAINS = 2000;

    private static Sampler sampler(String name, int d) {
        return switch (name) {
            case "rw-metropolis" -> new RandomWalkMetropolis(150 * d, 0.5, 200, 0.234);
            case "mala" -> new MetropolisAdjustedLangevin(300, 0.1, 200, 0.574);
            case "hmc" -> new HamiltonianMonteCarlo(60, 10, 0.1, 60, 0.65);
            default -> throw new IllegalArgumentException(name);
        };
    }

    @ParameterizedTest(name = "{0}, d={1}")
    @CsvSource({"rw-metropolis, 2", "mala, 2", "hmc, 2", "rw-metropolis, 10", "mala, 10", "hmc, 10"})
    void gaussianMeanAndCovarianceWithinMonteCarloError(String name, int d) {
        GaussianProblem problem = GaussianProblem.draw(d, 10, 40 + d); // only its μ and Σ are used
        GaussianEnergy target = new GaussianEnergy(problem.mean(), problem.precision(), false, false, DataType.DOUBLE);
        RandomSource rng = RandomSource.seeded(7);
        Tensor init = rng.normal(DataType.DOUBLE, CHAINS, d).mul(2.0); // over-dispersed start
        SampleResult result = sampler(name, d).sample(target, init, new SamplerContext(rng));
        INDArray x = result.samples().array();
        INDArray mean = x.mean(0);
        INDArray centred = x.subRowVector(mean);
        INDArray covariance = centred.transpose().mmul(centred).divi(CHAINS - 1);
        INDArray sigma = problem.covariance();
        for (int i = 0; i < d; i++) {
            double se = Math.sqrt(sigma.getDouble(i, i) / CHAINS);
            assertThat(mean.getDouble(i)).as("%s mean[%d]", name, i).isCloseTo(problem.mean().getDouble(i), within(5 * se));
            for (int j = 0; j < d; j++) {
                double sij = sigma.getDouble(i, j);
                double seCov = Math.sqrt((sij * sij + sigma.getDouble(i, i) * sigma.getDouble(j, j)) / CHAINS);
                assertThat(covariance.getDouble(i, j)).as("%s cov[%d,%d]", name, i, j).isCloseTo(sij, within(5 * seCov));
            }
        }
        assertThat(result.diagnostics()).containsKeys("acceptance-rate", "mean-energy", "step-size");
        assertThat(result.diagnostics().get("acceptance-rate")).isBetween(0.05, 1.0);
    }

    /**
     * 0.8 N((1.5, 0), ½I) + 0.2 N((−1.5, 0), ½I): clearly two modes (the density between them is a tenth of the
     * peaks'). The chains start half in each mode, so they must carry mass across to reach 0.8/0.2.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rw-metropolis", "mala", "hmc"})
    void mixtureModeWeightsMomentsWithinMonteCarloError(String name) {
        INDArray half = Nd4j.eye(2).castTo(DataType.DOUBLE).muli(2.0); // precision of covariance ½I
        GaussianMixtureEnergy target = new GaussianMixtureEnergy(new double[] {0.8, 0.2},
                Nd4j.createFromArray(new double[][] {{1.5, 0}, {-1.5, 0}}), List.of(half, half), false, false, false, DataType.DOUBLE);
        RandomSource rng = RandomSource.seeded(11);
        INDArray start = rng.normal(DataType.DOUBLE, CHAINS, 2).array().mul(Math.sqrt(0.5));
        for (int i = 0; i < CHAINS; i++) {
            start.putScalar(i, 0, start.getDouble(i, 0) + (i % 2 == 0 ? 1.5 : -1.5));
        }
        Sampler sampler = switch (name) {
            case "rw-metropolis" -> new RandomWalkMetropolis(1000, 0.5, 200, 0.234);
            case "mala" -> new MetropolisAdjustedLangevin(800, 0.1, 200, 0.574);
            default -> new HamiltonianMonteCarlo(150, 10, 0.1, 50, 0.65);
        };
        INDArray x = sampler.sample(target, Tensor.constant(start), new SamplerContext(rng)).samples().array();
        double heavy = x.getColumn(0).gt(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
        assertThat(heavy).as("%s weight of the heavy mode", name).isCloseTo(0.8, within(5 * Math.sqrt(0.8 * 0.2 / CHAINS)));
        // mean of x₁: 0.8·1.5 − 0.2·1.5 = 0.9; variance ½ + (0.8·2.25 + 0.2·2.25) − 0.81 = 1.94
        double mean = x.getColumn(0).meanNumber().doubleValue();
        assertThat(mean).isCloseTo(0.9, within(5 * Math.sqrt(1.94 / CHAINS)));
    }

    /**
     * docs/math.md: ULA on N(0, 1) with ε = 1 has stationary variance 1/(1 − ε/4) = 4/3; MALA with the same step (no
     * adaptation) keeps variance 1. Sample-variance standard error √(2/n)·σ².
     */
    @Test
    void ulaIsBiasedAtALargeStepAndMalaIsNot() {
        GaussianEnergy standard = new GaussianEnergy(Nd4j.zeros(DataType.DOUBLE, 1), Nd4j.eye(1).castTo(DataType.DOUBLE), false, false, DataType.DOUBLE);
        RandomSource rng = RandomSource.seeded(5);
        int n = 20_000;
        Tensor init = rng.normal(DataType.DOUBLE, n, 1);
        double ula = variance(new UnadjustedLangevin(60, 1.0).sample(standard, init, new SamplerContext(rng)).samples());
        double mala = variance(new MetropolisAdjustedLangevin(200, 1.0, 0, 0.574).sample(standard, init, new SamplerContext(rng)).samples());
        assertThat(ula).isCloseTo(4.0 / 3.0, within(5 * (4.0 / 3.0) * Math.sqrt(2.0 / n)));
        assertThat(mala).isCloseTo(1.0, within(5 * Math.sqrt(2.0 / n)));
        assertThat(ula - mala).isGreaterThan(20 * Math.sqrt(2.0 / n)); // the bias is measurable, not noise
    }

    /**
     * At temperature T the noise has variance εT and ULA samples exp(−E/T): on N(0, 1), stationary variance
     * T/(1 − ε/4), so T = 0.25 with ε = 0.1 gives 0.25/0.975, and T = 0 is gradient descent to the mode.
     */
    @Test
    void ulaAtATemperatureSamplesTheTemperedTarget() {
        GaussianEnergy standard = new GaussianEnergy(Nd4j.zeros(DataType.DOUBLE, 1), Nd4j.eye(1).castTo(DataType.DOUBLE), false, false, DataType.DOUBLE);
        RandomSource rng = RandomSource.seeded(6);
        int n = 20_000;
        Tensor init = rng.normal(DataType.DOUBLE, n, 1);
        double cold = variance(new UnadjustedLangevin(300, 0.1, 0.25).sample(standard, init, new SamplerContext(rng)).samples());
        assertThat(cold).isCloseTo(0.25 / 0.975, within(5 * (0.25 / 0.975) * Math.sqrt(2.0 / n)));
        double frozen = variance(new UnadjustedLangevin(300, 0.1, 0.0).sample(standard, init, new SamplerContext(rng)).samples());
        assertThat(frozen).isLessThan(1e-10);
    }

    private static double variance(Tensor x) {
        double mean = x.mean().item();
        return x.square().mean().item() - mean * mean;
    }
}
