package org.ebm4j.plugins.conv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ebm4j.api.param.Init;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.testkit.ContractSupport;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Spectral normalisation: every normalised weight matrix has largest singular value 1 (checked by an independent power
 * iteration in double), and the energy's parameter gradient, which holds the singular vectors fixed, matches central
 * differences of the normalised energy (the two agree once the iteration has converged).
 */
class SpectralNormTest {

    private static ConvEnergy model(int iterations) {
        return new ConvEnergy(new ConvEnergy.ImageShape(1, 6, 6), 0, List.of(4, 5), List.of(1, 2), 3, Tensor::silu, false,
                Init.UNIFORM_FAN_IN, RandomSource.seeded(3), iterations);
    }

    @Test
    void everyNormalisedWeightHasLargestSingularValueOne() {
        ConvEnergy m = model(60);
        for (String name : new String[] {"conv0", "conv1"}) {
            INDArray w = m.normalised(m.parameters().get(name)).array().castTo(DataType.DOUBLE);
            assertThat(largestSingularValue(w.reshape(w.shape()[0], w.length() / w.shape()[0]).toDoubleMatrix()))
                    .as(name).isCloseTo(1.0, within(1e-3));
            INDArray raw = m.parameters().get(name).array().castTo(DataType.DOUBLE);
            assertThat(largestSingularValue(raw.reshape(raw.shape()[0], raw.length() / raw.shape()[0]).toDoubleMatrix()))
                    .as("the raw %s is not already normalised", name).isNotCloseTo(1.0, within(0.05));
        }
        assertThat(model(0).normalised(m.parameters().get("conv0"))).isSameAs(m.parameters().get("conv0"));
    }

    @Test
    void theParameterGradientMatchesCentralDifferencesOfTheNormalisedEnergy() {
        ConvEnergy m = model(60);
        INDArray x = RandomSource.seeded(4).normal(DataType.FLOAT, 3, 36).array().dup();
        Tensor w = m.parameters().get("conv1");
        INDArray grad;
        try (GradMode.Scope on = GradMode.on()) {
            grad = Autograd.grad(m.energy(Tensor.constant(x)).sum(), w, false).array().castTo(DataType.DOUBLE);
        }
        double h = 1e-2;
        for (long j : new long[] {0, 17, 63, 150}) {
            double original = w.array().getDouble(j);
            w.array().putScalar(j, original + h);
            double plus = m.energy(Tensor.constant(x)).sum().item();
            w.array().putScalar(j, original - h);
            double minus = m.energy(Tensor.constant(x)).sum().item();
            w.array().putScalar(j, original);
            double fd = (plus - minus) / (2 * h);
            assertThat(grad.getDouble(j)).as("weight %d", j).isCloseTo(fd, within(3e-2 * Math.max(1, Math.abs(fd))));
        }
    }

    @Test
    void theProviderTurnsItOnByName() {
        ConvEnergy m = (ConvEnergy) ContractSupport.build(new ConvProvider(), "model",
                "channels = [2], strides = [1], spectral-norm-iterations = 20", 16, 1);
        INDArray w = m.normalised(m.parameters().get("conv0")).array().castTo(DataType.DOUBLE);
        assertThat(largestSingularValue(w.reshape(2, w.length() / 2).toDoubleMatrix())).isCloseTo(1.0, within(1e-3));
    }

    /** σ_max by 500 power iterations on AᵀA, in double. */
    private static double largestSingularValue(double[][] a) {
        int n = a[0].length;
        double[] v = new double[n];
        java.util.Arrays.fill(v, 1.0);
        double sigma = 0;
        for (int it = 0; it < 500; it++) {
            double[] av = new double[a.length];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < n; j++) {
                    av[i] += a[i][j] * v[j];
                }
            }
            double[] atav = new double[n];
            for (int i = 0; i < a.length; i++) {
                for (int j = 0; j < n; j++) {
                    atav[j] += a[i][j] * av[i];
                }
            }
            double norm = Math.sqrt(java.util.Arrays.stream(atav).map(t -> t * t).sum());
            for (int j = 0; j < n; j++) {
                v[j] = atav[j] / norm;
            }
            sigma = Math.sqrt(norm);
        }
        return sigma;
    }
}
