package org.ebm4j.plugins.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GaussianMixtureEnergyTest {

    private static final double[] WEIGHTS = {0.8, 0.2};
    private static final double[][] MEANS = {{1.0, 1.0}, {-2.0, 0.5}};
    private static final double[][][] COVARIANCES = {{{1.0, 0.3}, {0.3, 0.5}}, {{0.4, -0.1}, {-0.1, 0.8}}};

    private static GaussianMixtureEnergy mixture(boolean learn) {
        List<INDArray> precisions = List.of(
                org.nd4j.linalg.inverse.InvertMatrix.invert(Nd4j.createFromArray(COVARIANCES[0]), false),
                org.nd4j.linalg.inverse.InvertMatrix.invert(Nd4j.createFromArray(COVARIANCES[1]), false));
        return new GaussianMixtureEnergy(WEIGHTS, Nd4j.createFromArray(MEANS), precisions, learn, learn, learn, DataType.DOUBLE);
    }

    /** The mixture density written out: Σ_k w_k exp(-½ (x-μ)ᵀΣ⁻¹(x-μ)) / (2π √det Σ). */
    private static double density(double x, double y) {
        double p = 0;
        for (int k = 0; k < 2; k++) {
            double[][] c = COVARIANCES[k];
            double det = c[0][0] * c[1][1] - c[0][1] * c[1][0];
            double dx = x - MEANS[k][0];
            double dy = y - MEANS[k][1];
            double quad = (c[1][1] * dx * dx - 2 * c[0][1] * dx * dy + c[0][0] * dy * dy) / det;
            p += WEIGHTS[k] * Math.exp(-0.5 * quad) / (2 * Math.PI * Math.sqrt(det));
        }
        return p;
    }

    @Test
    void energyIsTheNegativeLogDensityWrittenOut() {
        GaussianMixtureEnergy model = mixture(false);
        double[][] points = {{0, 0}, {1, 1}, {-2, 0.5}, {3, -4}, {-6, 6}};
        double[] energies = model.energy(Tensor.of(DataType.DOUBLE, points)).toDoubleArray();
        for (int i = 0; i < points.length; i++) {
            assertThat(energies[i]).isCloseTo(-Math.log(density(points[i][0], points[i][1])), within(1e-10));
        }
        assertThat(model.weights()).containsExactly(new double[] {0.8, 0.2}, within(1e-12));
        assertThat(model.mean(1)).containsExactly(MEANS[1]);
    }

    /** log Z = 0: exp(-E) integrates to 1 (midpoint rule on [-10, 10]², error far below 1e-6). */
    @Test
    void densityIntegratesToOne() {
        int m = 400;
        double h = 20.0 / m;
        double[][] grid = new double[m * m][];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                grid[i * m + j] = new double[] {-10 + (i + 0.5) * h, -10 + (j + 0.5) * h};
            }
        }
        double integral = mixture(false).energy(Tensor.of(DataType.DOUBLE, grid)).neg().exp().sum().item() * h * h;
        assertThat(integral).isCloseTo(1.0, within(1e-6));
    }

    /** The score by autodiff matches central differences of the written-out density. */
    @Test
    void scoreMatchesFiniteDifferencesOfTheLogDensity() {
        GaussianMixtureEnergy model = mixture(true);
        double[][] points = {{0.2, -0.3}, {-1.0, 1.0}, {2.5, 2.0}};
        INDArray score = model.score(Tensor.of(DataType.DOUBLE, points), false).array();
        double h = 1e-6;
        for (int i = 0; i < points.length; i++) {
            double x = points[i][0];
            double y = points[i][1];
            double dx = (Math.log(density(x + h, y)) - Math.log(density(x - h, y))) / (2 * h);
            double dy = (Math.log(density(x, y + h)) - Math.log(density(x, y - h))) / (2 * h);
            assertThat(score.getDouble(i, 0)).isCloseTo(dx, within(1e-7));
            assertThat(score.getDouble(i, 1)).isCloseTo(dy, within(1e-7));
        }
    }

    /** Every learnable part receives a finite, non-zero gradient, and a fixed mixture has no parameters. */
    @Test
    void learnablePartsAreParameters() {
        GaussianMixtureEnergy model = mixture(true);
        assertThat(model.parameters().names()).containsExactlyInAnyOrder("logits", "mean0", "mean1", "cholesky0", "cholesky1");
        Tensor x = RandomSource.seeded(3).normal(DataType.DOUBLE, 16, 2);
        List<Tensor> grads = Autograd.grad(model.energy(x).mean(), model.parameters().tensors(), false);
        for (Tensor g : grads) {
            assertThat(java.util.Arrays.stream(g.toDoubleArray()).allMatch(Double::isFinite)).isTrue();
            assertThat(g.abs().sum().item()).isPositive();
        }
        assertThat(mixture(false).parameters().size()).isZero();
    }
}
