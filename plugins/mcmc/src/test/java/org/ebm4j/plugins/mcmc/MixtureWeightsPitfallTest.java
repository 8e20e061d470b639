package org.ebm4j.plugins.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.model.NoiseConditionalEnergy;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The lectures' pitfall (MATH.md, NCSN's toy): for 0.8 N((5,5), I) + 0.2 N((−5,−5), I) and 1280 chains started
 * uniformly on [−8, 8]², fixed-step Langevin with the exact score ends with about half the chains in each mode,
 * while annealed Langevin with the exact blurred scores recovers 0.8. Tolerances: five binomial standard errors
 * √(w(1−w)/1280).
 */
class MixtureWeightsPitfallTest {

    private static final int CHAINS = 1280;

    /** The exact noise-conditional energy: the mixture blurred by N(0, σ²I) has components N(μ_k, (1 + σ²) I). */
    private static final NoiseConditionalEnergy MIXTURE = new NoiseConditionalEnergy() {
        @Override
        public Tensor energy(Tensor x, Tensor sigma) {
            Tensor variance = sigma.square().add(1.0);                       // [n, 1]
            Tensor heavy = x.sub(5.0).square().sum(1, true).div(variance).mul(-0.5).add(Math.log(0.8));
            Tensor light = x.add(5.0).square().sum(1, true).div(variance).mul(-0.5).add(Math.log(0.2));
            Tensor logDensity = Tensor.concat(1, heavy, light).logSumExp(1, false).sub(variance.log().reshape(x.rows()));
            return logDensity.neg();
        }

        @Override
        public double evaluationSigma() {
            return 1e-6; // the data's own density, to within rounding
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public Parameters parameters() {
            return Parameters.empty();
        }
    };

    private static double heavyWeight(Tensor samples) {
        return samples.array().sum(1).gt(0).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    @Test
    void fixedStepLangevinLosesTheWeightsAndAnnealedLangevinKeepsThem() {
        RandomSource rng = RandomSource.seeded(2019);
        Tensor init = rng.uniform(-8, 8, DataType.DOUBLE, CHAINS, 2);
        double plain = heavyWeight(new UnadjustedLangevin(1000, 0.1).sample(MIXTURE, init, new SamplerContext(rng)).samples());
        double annealed = heavyWeight(new AnnealedLangevin(20, 1, 10, 100, 0.1).sample(MIXTURE, init, new SamplerContext(rng)).samples());
        assertThat(plain).as("fixed-step Langevin").isCloseTo(0.5, within(5 * Math.sqrt(0.25 / CHAINS)));
        assertThat(annealed).as("annealed Langevin").isCloseTo(0.8, within(5 * Math.sqrt(0.16 / CHAINS)));
    }
}
