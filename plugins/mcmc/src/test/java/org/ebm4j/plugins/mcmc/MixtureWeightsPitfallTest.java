package org.ebm4j.plugins.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.model.NoiseConditionalEnergy;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.plugins.analytic.GaussianMixtureProvider;
import org.ebm4j.testkit.ContractSupport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The mode-weight pitfall (docs/math.md, NCSN's toy): for 0.8 N((5,5), I) + 0.2 N((−5,−5), I) and 1280 chains started
 * uniformly on [−8, 8]², fixed-step Langevin with the exact score ends with about half the chains in each mode,
 * while annealed Langevin with the exact blurred scores recovers 0.8. Tolerances: five binomial standard errors
 * √(w(1−w)/1280).
 */
class MixtureWeightsPitfallTest {

    private static final int CHAINS = 1280;

    /**
     * The analytic plugin's mixture with fixed covariances, as an experiment writes it: its {@code E(x, σ)} is the
     * exact energy of the mixture blurred by N(0, σ²I), which annealed Langevin uses.
     */
    private static final NoiseConditionalEnergy MIXTURE = (NoiseConditionalEnergy) ContractSupport.build(new GaussianMixtureProvider(), "model", """
            means = [[5, 5], [-5, -5]], weights = [0.8, 0.2]
            learn-weights = false, learn-means = false, learn-covariances = false
            """, 2, 0);

    private static double heavyWeight(Tensor samples) {
        return samples.array().sum(1).gt(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    @Test
    void fixedStepLangevinLosesTheWeightsAndAnnealedLangevinKeepsThem() {
        RandomSource rng = RandomSource.seeded(2019);
        Tensor init = rng.uniform(-8, 8, Tensor.DEFAULT_TYPE, CHAINS, 2); // the provider builds float32 models
        double plain = heavyWeight(new UnadjustedLangevin(1000, 0.1).sample(MIXTURE, init, new SamplerContext(rng)).samples());
        double annealed = heavyWeight(new AnnealedLangevin(20, 1, 10, 100, 0.1).sample(MIXTURE, init, new SamplerContext(rng)).samples());
        assertThat(plain).as("fixed-step Langevin").isCloseTo(0.5, within(5 * Math.sqrt(0.25 / CHAINS)));
        assertThat(annealed).as("annealed Langevin").isCloseTo(0.8, within(5 * Math.sqrt(0.16 / CHAINS)));
    }

    /**
     * Parallel tempering from the same uniform start recovers the weights with the plain (not blurred) energy: hot
     * replicas cross between the modes and swaps hand what they find down to temperature 1.
     */
    @Test
    void parallelTemperingRecoversTheWeights() {
        RandomSource rng = RandomSource.seeded(2019);
        Tensor init = rng.uniform(-8, 8, Tensor.DEFAULT_TYPE, CHAINS, 2);
        ParallelTempering pt = new ParallelTempering(600, 6, 20, 0.5, 100, 0.574);
        var result = pt.sample(MIXTURE, init, new SamplerContext(rng));
        double weight = heavyWeight(result.samples());
        assertThat(weight).as("parallel tempering").isCloseTo(0.8, within(5 * Math.sqrt(0.16 / CHAINS)));
        assertThat(result.diagnostics()).containsKeys("swap-acceptance/1-2", "swap-acceptance/5-6", "replica-steps");
        assertThat(result.diagnostics().get("swap-acceptance/1-2")).isBetween(0.05, 1.0);
        assertThat(result.diagnostics().get("replica-steps")).isEqualTo(6 * 700.0);
    }
}
