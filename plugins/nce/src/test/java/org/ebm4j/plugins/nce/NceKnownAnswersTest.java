package org.ebm4j.plugins.nce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.plugins.analytic.GaussianEnergy;
import org.ebm4j.plugins.analytic.GaussianProblem;
import org.ebm4j.plugins.noise.GaussianNoiseProvider;
import org.ebm4j.testkit.ContractSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * docs/math.md's known answer: NCE with the Gaussian energy, fitted to samples of N(μ, Σ) against Gaussian noise,
 * recovers μ and Λ = Σ⁻¹, and its c recovers log Z of the fitted energy.
 */
class NceKnownAnswersTest {

    static NoiseDistribution gaussianNoise(String settings, int d) {
        return ContractSupport.build(new GaussianNoiseProvider(), "noise", settings, d, 0);
    }

    @ParameterizedTest(name = "d = {0}, noise scale {1}, ratio {2}")
    @CsvSource({"2, 1.5, 1", "2, 1.5, 4", "5, 1.5, 4"})
    void recoversMeanPrecisionAndLogPartition(int d, double scale, int ratio) {
        GaussianProblem problem = GaussianProblem.draw(d, 2000, 40 + d);
        try (RandomSource random = RandomSource.seeded(1)) {
            NoiseContrastiveEstimation nce = new NoiseContrastiveEstimation(gaussianNoise("scale = " + scale, d), ratio, 0.0, false, 0, random);
            GaussianEnergy fitted = problem.fit(nce, 1500, 0.05, 5);
            // the maximum-likelihood standard errors: NCE with many noise draws per row is nearly as efficient when
            // the noise is close to the data (Gutmann & Hyvärinen 2012, Fig. 4), so 4 of them bound it here
            problem.assertRecovers(fitted, problem.precision(), 4);
            // at the optimum the classifier cannot tell, and c = log Z of the fitted energy: c's standard error as a
            // logistic-regression intercept is at most 2/√n (Fisher information ≥ ¼ per data row)
            assertThat(nce.parameters().get("c").item()).as("c vs log Z").isCloseTo(fitted.logPartition(), within(4 * 2 / Math.sqrt(2000)));
        }
    }
}
