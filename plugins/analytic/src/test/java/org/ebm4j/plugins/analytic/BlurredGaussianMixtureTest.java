package org.ebm4j.plugins.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

class BlurredGaussianMixtureTest {

    private static final double[] WEIGHTS = {0.3, 0.7};
    private static final INDArray MEANS = Nd4j.createFromArray(new double[][] {{1, -1}, {-2, 0.5}});
    private static final List<INDArray> COVARIANCES = List.of(
            Nd4j.createFromArray(new double[][] {{2, 0.6}, {0.6, 0.5}}),
            Nd4j.createFromArray(new double[][] {{0.3, -0.1}, {-0.1, 1.5}}));

    private static BlurredGaussianMixture model() {
        List<INDArray> precisions = COVARIANCES.stream().map(c -> InvertMatrix.invert(c, false)).toList();
        GaussianMixtureEnergy mixture = new GaussianMixtureEnergy(WEIGHTS, MEANS, precisions, false, false, false, DataType.DOUBLE);
        return new BlurredGaussianMixture(mixture, COVARIANCES, DataType.DOUBLE);
    }

    /** −log Σ_k w_k N(x; μ_k, Σ_k + σ²I), written out with an explicit inverse and determinant. */
    private static double blurredEnergy(double[] x, double sigma) {
        double p = 0;
        for (int k = 0; k < 2; k++) {
            INDArray c = COVARIANCES.get(k).add(Nd4j.eye(2).castTo(DataType.DOUBLE).mul(sigma * sigma));
            double det = c.getDouble(0, 0) * c.getDouble(1, 1) - c.getDouble(0, 1) * c.getDouble(1, 0);
            INDArray diff = Nd4j.createFromArray(x).reshape(1, 2).sub(MEANS.getRow(k).reshape(1, 2));
            double quad = diff.mmul(InvertMatrix.invert(c, false)).mmul(diff.transpose()).getDouble(0);
            p += WEIGHTS[k] * Math.exp(-0.5 * quad) / (2 * Math.PI * Math.sqrt(det));
        }
        return -Math.log(p);
    }

    @Test
    void energyAtEachRowsSigmaIsTheExactBlurredMixture() {
        try (RandomSource random = RandomSource.seeded(11)) {
            Tensor x = random.normal(DataType.DOUBLE, 6, 2).mul(2.0);
            double[] sigmas = {0, 0.1, 0.5, 1, 3, 10};
            Tensor sigma = Tensor.constant(Nd4j.createFromArray(sigmas).reshape(6, 1));
            double[] energies = model().energy(x, sigma).toDoubleArray();
            for (int i = 0; i < 6; i++) {
                double[] row = x.array().getRow(i).toDoubleVector();
                assertThat(energies[i]).as("row %d, sigma %s", i, sigmas[i]).isCloseTo(blurredEnergy(row, sigmas[i]), within(1e-9));
            }
        }
    }

    @Test
    void plainEnergyIsTheMixtureItself() {
        try (RandomSource random = RandomSource.seeded(12)) {
            Tensor x = random.normal(DataType.DOUBLE, 5, 2);
            BlurredGaussianMixture m = model();
            assertThat(m.energy(x).toDoubleArray()).containsExactly(m.mixture().energy(x).toDoubleArray(), within(1e-12));
            assertThat(m.energy(x, Tensor.full(0.0, DataType.DOUBLE, 5, 1)).toDoubleArray())
                    .containsExactly(m.mixture().energy(x).toDoubleArray(), within(1e-9));
        }
    }
}
