package org.ebm4j.api.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class ScoresTest {

    /** E(x) = ½‖x - μ‖² with μ = (1, -2): score μ - x. */
    private final EnergyModel gaussian = new EnergyModel() {
        private final Tensor mu = Tensor.of(DataType.DOUBLE, new double[][] {{1, -2}});

        @Override
        public Tensor energy(Tensor x) {
            return x.sub(mu).square().sum(1).mul(0.5);
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
    void scoreIsMinusTheEnergyGradientEvenInsideANoGradScope() {
        Tensor x = Tensor.of(DataType.DOUBLE, new double[][] {{0, 0}, {3, 1}});
        try (GradMode.Scope off = GradMode.off()) {
            Tensor s = gaussian.score(x, false);
            assertThat(s.toDoubleArray()).containsExactly(new double[] {1, -2, -2, -3}, within(1e-12));
            assertThat(s.requiresGrad()).isFalse();
        }
    }
}
