package org.ebm4j.plugins.cd;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebm4j.api.data.Batch;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.plugins.noise.GaussianNoiseProvider;
import org.ebm4j.testkit.ContractSupport;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.plugins.analytic.GaussianEnergy;
import org.ebm4j.plugins.analytic.GaussianProblem;
import org.ebm4j.plugins.mcmc.MetropolisAdjustedLangevin;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ContrastiveDivergenceTest {

    private static ContrastiveDivergence cd(ContrastiveDivergence.Mode mode, int steps, int bufferSize, int d) {
        NoiseDistribution gaussian = ContractSupport.build(new GaussianNoiseProvider(), "noise", "", d, 3);
        return new ContrastiveDivergence(mode, new MetropolisAdjustedLangevin(steps, 0.2, 0, 0.574), 0.0, bufferSize, 0.05, gaussian);
    }

    /**
     * With an exact sampler (MALA) the CD gradient is the maximum-likelihood gradient, whose fixed point for the
     * Gaussian energy is the sample mean and the inverse sample covariance: μ and Λ are recovered within four
     * sampling standard errors of n = 2000 samples ({@link GaussianProblem}).
     */
    @ParameterizedTest(name = "{0}, d={1}")
    @CsvSource({"PCD, 2", "CD, 2", "PCD, 10"})
    void recoversTheMeanAndPrecisionOfGaussianData(ContrastiveDivergence.Mode mode, int d) {
        GaussianProblem problem = GaussianProblem.draw(d, 2000, 50 + d);
        GaussianEnergy fitted = problem.fit(cd(mode, 5, 2000, d), 600, 0.05, 9);
        problem.assertRecovers(fitted, problem.precision(), 4);
    }

    /** Negatives carry no gradient: the loss's gradient in the parameters is that of E(x⁺) minus E(x⁻) at fixed x⁻. */
    @Test
    void negativesAreConstantsAndTheBufferKeepsThem() {
        GaussianEnergy model = new GaussianEnergy(Nd4j.zeros(DataType.DOUBLE, 2), Nd4j.eye(2).castTo(DataType.DOUBLE), true, false, DataType.DOUBLE);
        ContrastiveDivergence pcd = cd(ContrastiveDivergence.Mode.PCD, 2, 50, 2);
        RandomSource rng = RandomSource.seeded(1);
        Tensor data = rng.normal(DataType.DOUBLE, 20, 2).add(3.0);
        pcd.prepare(new Dataset("d", data.array(), data.array()), rng);
        var before = pcd.state().get("replay-buffer").dup();
        Losses losses = pcd.losses(model, new Batch(data), new StepContext(0, 1, rng));
        assertThat(losses.metrics()).containsKeys("energy/positive", "energy/negative", "negatives/acceptance-rate");
        // d/dμ [mean ½‖x⁺−μ‖² − mean ½‖x⁻−μ‖²] = mean x⁻ − mean x⁺ for constant negatives; the buffer changed
        Tensor grad = Autograd.grad(losses.losses().get(0).value(), model.parameters().get("mean"), false);
        assertThat(pcd.state().get("replay-buffer").equalsWithEps(before, 1e-12)).isFalse();
        assertThat(grad.toDoubleArray()[0]).isLessThan(0); // data at +3 pulls μ up: the loss falls as μ rises
    }

    /** A validation loss leaves PCD's buffer exactly as it was (it used to write validation chains into it). */
    @Test
    void validationLossesLeaveTheReplayBufferAlone() {
        GaussianEnergy model = new GaussianEnergy(Nd4j.zeros(DataType.DOUBLE, 2), Nd4j.eye(2).castTo(DataType.DOUBLE), true, false, DataType.DOUBLE);
        ContrastiveDivergence pcd = cd(ContrastiveDivergence.Mode.PCD, 2, 50, 2);
        RandomSource rng = RandomSource.seeded(4);
        Tensor data = rng.normal(DataType.DOUBLE, 200, 2);
        pcd.prepare(new Dataset("d", data.array(), data.array()), rng);
        var before = pcd.state().get("replay-buffer").dup();
        Losses losses = pcd.validationLosses(model, new Batch(data), new StepContext(0, 1, rng)); // 200 rows > 50 chains
        assertThat(losses.losses().get(0).value().item()).isFinite();
        assertThat(pcd.state().get("replay-buffer").equalsWithEps(before, 0)).isTrue();
    }

    /** A buffer smaller than a batch is found when the experiment is checked, naming the setting. */
    @Test
    void checkRefusesABufferSmallerThanTheBatch() {
        GaussianEnergy model = new GaussianEnergy(Nd4j.zeros(DataType.DOUBLE, 2), Nd4j.eye(2).castTo(DataType.DOUBLE), true, false, DataType.DOUBLE);
        ContrastiveDivergence pcd = cd(ContrastiveDivergence.Mode.PCD, 2, 100, 2);
        Dataset data = new Dataset("d", Nd4j.zeros(DataType.DOUBLE, 10, 2), Nd4j.zeros(DataType.DOUBLE, 10, 2));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> pcd.check(model, data, 200))
                .isInstanceOf(org.ebm4j.api.ConfigException.class).hasMessageContaining("buffer-size");
        pcd.check(model, data, 100);
    }
}
