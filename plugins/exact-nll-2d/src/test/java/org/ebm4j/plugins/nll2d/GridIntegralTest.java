package org.ebm4j.plugins.nll2d;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class GridIntegralTest {

    /** E(x) = ½ (x-μ)ᵀΛ(x-μ) with Λ = diag(2, 0.5), μ = (0.5, -0.3): log Z = log 2π - ½ log det Λ = log 2π. */
    private static final EnergyModel GAUSSIAN = new EnergyModel() {
        private final Tensor mu = Tensor.of(DataType.FLOAT, new double[][] {{0.5, -0.3}});
        private final Tensor lambda = Tensor.of(DataType.FLOAT, new double[][] {{2.0, 0.5}});

        @Override
        public Tensor energy(Tensor x) {
            return x.sub(mu).square().mul(lambda).sum(1).mul(0.5);
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

    @Test
    void logZOfAGaussianEnergyIsItsAnalyticValue() {
        GridIntegral g = GridIntegral.of(GAUSSIAN, -8, 8, 512);
        // the box holds all but ~1e-15 of the mass; the Riemann sum of a smooth integrand is accurate to ~1e-6
        assertThat(g.logZ()).isCloseTo(Math.log(2 * Math.PI), within(1e-5));
    }

    @Test
    void aBoxTooSmallMissesMassAndShowsIt() {
        GridIntegral g = GridIntegral.of(GAUSSIAN, -1, 1, 256);
        assertThat(g.logZ()).isLessThan(Math.log(2 * Math.PI) - 0.1);
    }
}
