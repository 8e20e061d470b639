package org.ebm4j.plugins.toydata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The 8gaussians density is normalised, is the density the samples come from, and has the known entropy. */
class EightGaussiansDensityTest {

    private final EightGaussiansDensity density = new EightGaussiansDensity();

    @Test
    void itIntegratesToOneOnAGrid() {
        int res = 401;
        double lo = -6;
        double h = 12.0 / (res - 1);
        double[][] points = new double[res * res][];
        for (int i = 0; i < res; i++) {
            for (int j = 0; j < res; j++) {
                points[i * res + j] = new double[] {lo + i * h, lo + j * h};
            }
        }
        double[] e = density.energy(Tensor.of(DataType.DOUBLE, points)).toDoubleArray();
        double mass = 0;
        for (double v : e) {
            mass += Math.exp(-v) * h * h;
        }
        assertThat(mass).isCloseTo(1.0, within(1e-6));
    }

    /** The mean −log p of 200,000 draws is the entropy 2.8313 nats (the known test NLL floor of 8gaussians). */
    @Test
    void theMeanNegativeLogDensityOfItsDrawsIsItsEntropy() {
        try (RandomSource random = RandomSource.seeded(5)) {
            INDArray x = ToyDatasets.sample("8gaussians", 200_000, random);
            double nll = density.energy(Tensor.constant(x.castTo(DataType.DOUBLE))).mean().item();
            // the per-point sd of −log p is about 1: 5 standard errors of the mean is 0.011
            assertThat(nll).isCloseTo(2.8313, within(0.011));
        }
    }
}
