package org.ebm4j.plugins.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GaussianEnergyTest {

    private final INDArray mu = Nd4j.createFromArray(0.5, -1.0);
    private final INDArray lambda = Nd4j.createFromArray(new double[][] {{2.0, 0.6}, {0.6, 1.0}});

    @Test
    void energyPrecisionAndLogPartitionAreTheGaussians() {
        GaussianEnergy g = new GaussianEnergy(mu, lambda, true, true, DataType.DOUBLE);
        assertThat(g.precision().equalsWithEps(lambda, 1e-12)).isTrue();
        assertThat(g.meanValues()).containsExactly(new double[] {0.5, -1.0}, within(1e-15));
        // x - μ = (1, 1): E = ½ (2 + 1.2 + 1) = 2.1
        assertThat(g.energy(Tensor.of(DataType.DOUBLE, new double[][] {{1.5, 0.0}})).item()).isCloseTo(2.1, within(1e-12));
        double det = 2.0 * 1.0 - 0.36;
        assertThat(g.logPartition()).isCloseTo(Math.log(2 * Math.PI) - 0.5 * Math.log(det), within(1e-12));
        assertThat(g.parameters().names()).containsExactly("mean", "cholesky");
    }

    @Test
    void fixedPartsAreNotParameters() {
        assertThat(new GaussianEnergy(mu, lambda, false, true, DataType.DOUBLE).parameters().names()).containsExactly("cholesky");
        assertThat(new GaussianEnergy(mu, lambda, false, false, DataType.DOUBLE).parameters().isEmpty()).isTrue();
    }
}
