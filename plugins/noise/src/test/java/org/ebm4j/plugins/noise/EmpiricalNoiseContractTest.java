package org.ebm4j.plugins.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.ebm4j.api.EbmException;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.testkit.ContractSupport;
import org.ebm4j.testkit.NoiseDistributionContract;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** EmpiricalNoiseProvider, as a kernel density, passes the NoiseDistributionContract; as points it draws training rows. */
class EmpiricalNoiseContractTest extends NoiseDistributionContract {

    @Override
    protected ComponentProvider<NoiseDistribution> provider() {
        return new EmpiricalNoiseProvider();
    }

    @Override
    protected String testSettings() {
        return "bandwidth = 0.3";
    }

    @Test
    void withoutABandwidthItDrawsTrainingRowsAndHasNoDensity() {
        NoiseDistribution points = ContractSupport.build(new EmpiricalNoiseProvider(), "noise", "", 2, 1);
        var data = ContractSupport.standardData(2, 3);
        try (RandomSource random = RandomSource.seeded(5)) {
            points.fit(data, random);
            double[][] drawn = points.sample(50, random).array().castTo(DataType.DOUBLE).toDoubleMatrix();
            double[][] train = data.train().castTo(DataType.DOUBLE).toDoubleMatrix();
            for (double[] row : drawn) {
                assertThat(java.util.Arrays.stream(train).anyMatch(t -> java.util.Arrays.equals(t, row)))
                        .as("drawn row %s is a training row", java.util.Arrays.toString(row)).isTrue();
            }
            assertThatThrownBy(() -> points.logProb(Tensor.zeros(DataType.FLOAT, 1, 2)))
                    .isInstanceOf(EbmException.class).hasMessageContaining("bandwidth");
        }
    }

    /** The kernel density's log-density, at a point, equals the mean of the Gaussian kernels written out. */
    @Test
    void kernelDensityIsTheMeanOfTheKernels() {
        NoiseDistribution kde = ContractSupport.build(new EmpiricalNoiseProvider(), "noise", "bandwidth = 0.5", 2, 1);
        var data = ContractSupport.standardData(2, 3);
        try (RandomSource random = RandomSource.seeded(5)) {
            kde.fit(data, random);
        }
        double[][] train = data.train().castTo(DataType.DOUBLE).toDoubleMatrix();
        double[] x = {0.3, -0.7};
        double sum = 0;
        for (double[] t : train) {
            double sq = Math.pow(x[0] - t[0], 2) + Math.pow(x[1] - t[1], 2);
            sum += Math.exp(-sq / (2 * 0.25)) / (2 * Math.PI * 0.25);
        }
        double expected = Math.log(sum / train.length);
        double got = kde.logProb(Tensor.of(DataType.FLOAT, new double[][] {x})).item();
        assertThat(got).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-4));
    }
}
