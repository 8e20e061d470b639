package org.ebm4j.plugins.mcmc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class UnadjustedLangevinTest {

    /** E(x) = ½x²: the standard normal. */
    private static final EnergyModel STANDARD_NORMAL = new EnergyModel() {
        @Override
        public Tensor energy(Tensor x) {
            return x.square().sum(1).mul(0.5);
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public Parameters parameters() {
            return Parameters.empty();
        }
    };

    /**
     * docs/math.md: ULA on N(0, 1) has stationary variance 1/(1 - ε/4) = 1.333 at ε = 1. With 20,000 independent chains
     * run 60 steps (the chain contracts by (1 - ε/2) = 0.5 per step, so the start is forgotten), the sample variance
     * has sd 1.333·√(2/20000) = 0.013: 5 sd = 0.067.
     */
    @Test
    void hasTheKnownStationaryVarianceOnAStandardNormal() {
        int chains = 20_000;
        RandomSource rng = RandomSource.seeded(3);
        Tensor init = rng.uniform(-3, 3, DataType.DOUBLE, chains, 1);
        SampleResult r = new UnadjustedLangevin(60, 1.0).sample(STANDARD_NORMAL, init, new SamplerContext(rng));
        double mean = r.samples().mean().item();
        double var = r.samples().square().mean().item() - mean * mean;
        assertThat(var).isCloseTo(1 / (1 - 0.25), within(0.067));
        assertThat(mean).isCloseTo(0, within(5 * Math.sqrt(1.333 / chains)));
        assertThat(r.diagnostics()).containsKeys("mean-energy", "grad-norm");
    }

    /** With a small step the bias is small: ε = 0.05 gives variance 1/(1 - 0.0125) = 1.0127. */
    @Test
    void smallStepsApproachTheTarget() {
        int chains = 20_000;
        RandomSource rng = RandomSource.seeded(4);
        Tensor init = rng.normal(DataType.DOUBLE, chains, 1);
        SampleResult r = new UnadjustedLangevin(200, 0.05).sample(STANDARD_NORMAL, init, new SamplerContext(rng));
        double var = r.samples().square().mean().item();
        assertThat(var).isCloseTo(1 / (1 - 0.0125), within(5 * 1.0127 * Math.sqrt(2.0 / chains)));
    }
}
