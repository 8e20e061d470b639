package org.ebm4j.plugins.dsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.data.Batch;
import org.ebm4j.api.model.NoiseConditionalEnergy;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.ebm4j.plugins.analytic.GaussianEnergy;
import org.ebm4j.plugins.analytic.GaussianProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class MultiNoiseDsmTest {

    private static final int D = 3;
    private static final double S = 0.7; // data N(0, S² I)

    /**
     * The exact noise-conditional energy of N(0, S²I) blurred by σ, scaled by a learnable {@code a}:
     * {@code E(x, σ) = ½ a ‖x‖² / (S² + σ²)}. At {@code a = 1} its score is the true score at every level.
     */
    private static NoiseConditionalEnergy blurredGaussian(double a) {
        Parameters p = Parameters.builder(DataType.DOUBLE).add("a", a, 1, 1).build(RandomSource.seeded(0));
        return new NoiseConditionalEnergy() {
            @Override
            public Tensor energy(Tensor x, Tensor sigma) {
                Tensor variance = sigma.square().add(S * S);
                return x.square().sum(1, true).div(variance).mul(p.get("a")).mul(0.5).reshape(x.rows());
            }

            @Override
            public double evaluationSigma() {
                return 0.01;
            }

            @Override
            public int dimension() {
                return D;
            }

            @Override
            public Parameters parameters() {
                return p;
            }
        };
    }

    @Test
    void levelsAreGeometricFromMaxToMin() {
        NoiseLevels levels = NoiseLevels.geometric(2.0, 0.02, 5);
        assertThat(levels.sigmas()).hasSize(5);
        assertThat(levels.sigmas()[0]).isEqualTo(2.0);
        assertThat(levels.min()).isEqualTo(0.02);
        for (int i = 1; i < 5; i++) {
            assertThat(levels.sigmas()[i] / levels.sigmas()[i - 1]).isCloseTo(Math.pow(0.01, 0.25), within(1e-12));
        }
    }

    /**
     * At the true score the σ²-weighted loss at level σ is {@code ½ d S²/(S² + σ²)} in expectation (the part of ε
     * the data cannot explain), so with uniform levels the loss is the mean of that over the levels; and the
     * gradient in {@code a} vanishes there, while at {@code a = 1.3} it is clearly positive. Tolerances are five
     * standard errors of 40 independent batches, from their own spread.
     */
    @Test
    void isMinimisedByTheTrueNoiseConditionalScoreWithTheKnownValue() {
        NoiseLevels levels = NoiseLevels.geometric(1.0, 0.05, 6);
        DenoisingScoreMatching dsm = new DenoisingScoreMatching(levels);
        double expected = 0;
        for (double sigma : levels.sigmas()) {
            expected += 0.5 * D * S * S / (S * S + sigma * sigma) / levels.count();
        }
        RandomSource rng = RandomSource.seeded(4);
        double[] atTruth = statistics(dsm, blurredGaussian(1.0), rng, true);
        assertThat(atTruth[0]).isCloseTo(expected, within(5 * atTruth[1]));
        double[] gradientAtTruth = statistics(dsm, blurredGaussian(1.0), rng, false);
        assertThat(gradientAtTruth[0]).isCloseTo(0.0, within(5 * gradientAtTruth[1]));
        double[] gradientAbove = statistics(dsm, blurredGaussian(1.3), rng, false);
        assertThat(gradientAbove[0]).isGreaterThan(10 * gradientAbove[1]);
    }

    /** Mean and standard error over 40 batches of the loss ({@code value}) or of its derivative in {@code a}. */
    private static double[] statistics(DenoisingScoreMatching dsm, NoiseConditionalEnergy model, RandomSource rng, boolean value) {
        int k = 40;
        double sum = 0;
        double sumSq = 0;
        for (int i = 0; i < k; i++) {
            try (TensorScope ignored = TensorScope.open()) {
                Batch batch = new Batch(rng.normal(DataType.DOUBLE, 2000, D).mul(S));
                Tensor loss = dsm.losses(model, batch, new StepContext(i, k, rng)).losses().get(0).value();
                double v = value ? loss.item() : Autograd.grad(loss, model.parameters().get("a"), false).item();
                sum += v;
                sumSq += v * v;
            }
        }
        double mean = sum / k;
        return new double[] {mean, Math.sqrt((sumSq / k - mean * mean) / (k - 1))};
    }

    @Test
    void severalLevelsNeedANoiseConditionalModel() {
        GaussianEnergy plain = new GaussianEnergy(Nd4j.zeros(DataType.DOUBLE, 2), Nd4j.eye(2).castTo(DataType.DOUBLE), true, true, DataType.DOUBLE);
        DenoisingScoreMatching dsm = new DenoisingScoreMatching(NoiseLevels.geometric(1.0, 0.1, 3));
        Batch batch = new Batch(Tensor.zeros(DataType.DOUBLE, 4, 2));
        assertThatThrownBy(() -> dsm.losses(plain, batch, new StepContext(0, 1, RandomSource.seeded(1))))
                .hasMessageContaining("noise-conditional").hasMessageContaining("conditioning = scale or input");
    }

    /**
     * With a small σ, DSM fits the Gaussian energy to the blurred data N(μ, Σ + σ²I): μ and (Σ + σ²I)⁻¹ within four
     * sampling standard errors of n = 2000 samples ({@link GaussianProblem}).
     */
    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {2, 10})
    void recoversTheMeanAndBlurredPrecisionOfGaussianData(int d) {
        double sigma = 0.1;
        GaussianProblem problem = GaussianProblem.draw(d, 2000, 30 + d);
        GaussianEnergy fitted = problem.fit(new DenoisingScoreMatching(sigma), 1500, 0.05, 8);
        var blurred = org.nd4j.linalg.inverse.InvertMatrix.invert(
                problem.covariance().add(Nd4j.eye(d).castTo(DataType.DOUBLE).mul(sigma * sigma)), false);
        problem.assertRecovers(fitted, blurred, 4);
    }
}
