package org.ebm4j.plugins.exactsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.optim.Optimizer;
import org.ebm4j.api.optim.OptimizerSpec;
import org.ebm4j.api.optim.ScheduleSpec;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.ebm4j.plugins.analytic.GaussianEnergy;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;

class ExactScoreMatchingTest {

    /** A small tanh MLP energy in float64: its Hessian is not constant. */
    private static EnergyModel mlp(int d) {
        Parameters p = Parameters.builder(DataType.DOUBLE)
                .add("w1", org.ebm4j.api.param.Init.XAVIER, d, 6).add("w2", org.ebm4j.api.param.Init.XAVIER, 6, 1)
                .build(RandomSource.seeded(2));
        return new EnergyModel() {
            @Override
            public Tensor energy(Tensor x) {
                return x.matmul(p.get("w1")).tanh().matmul(p.get("w2")).reshape(x.rows());
            }

            @Override
            public int dimension() {
                return d;
            }

            @Override
            public Parameters parameters() {
                return p;
            }
        };
    }

    /** The trace from d backward passes equals the trace of a Hessian built by central differences of ∇E. */
    @Test
    void traceEqualsTheTraceOfAnExplicitHessian() {
        int d = 4;
        EnergyModel model = mlp(d);
        INDArray x = RandomSource.seeded(3).normal(DataType.DOUBLE, 3, d).array().dup();
        Tensor leaf = Tensor.variable(x);
        double[] trace = ExactScoreMatching.trace(Autograd.grad(model.energy(leaf).sum(), leaf, true), leaf).toDoubleArray();
        double h = 1e-5;
        for (int row = 0; row < 3; row++) {
            double explicit = 0;
            for (int j = 0; j < d; j++) {
                double orig = x.getDouble(row, j);
                x.putScalar(row, j, orig + h);
                Tensor v1 = Tensor.variable(x);
                double plus = Autograd.grad(model.energy(v1).sum(), v1, false).array().getDouble(row, j);
                x.putScalar(row, j, orig - h);
                Tensor v2 = Tensor.variable(x);
                double minus = Autograd.grad(model.energy(v2).sum(), v2, false).array().getDouble(row, j);
                x.putScalar(row, j, orig);
                explicit += (plus - minus) / (2 * h);
            }
            assertThat(trace[row]).isCloseTo(explicit, within(1e-7));
        }
    }

    /**
     * Hyvärinen 2005: for the Gaussian energy the exact-SM minimiser is the sample mean and the inverse of the
     * (1/n) sample covariance. Full-batch Adam with a decaying rate reaches it to optimiser precision.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 10})
    void hitsTheClosedFormMinimiserOnGaussianData(int d) {
        int n = 400;
        RandomSource rng = RandomSource.seeded(7 + d);
        INDArray a = rng.normal(DataType.DOUBLE, d, d).array().dup().muli(0.15).addi(Nd4j.eye(d).castTo(DataType.DOUBLE));
        INDArray data = rng.normal(DataType.DOUBLE, n, d).array().mmul(a).addiRowVector(Nd4j.linspace(-1, 1, d, DataType.DOUBLE));
        INDArray mean = data.mean(0);
        INDArray centred = data.subRowVector(mean);
        INDArray expectedPrecision = InvertMatrix.invert(centred.transpose().mmul(centred).divi(n), false);

        GaussianEnergy model = new GaussianEnergy(Nd4j.zeros(DataType.DOUBLE, d), Nd4j.eye(d).castTo(DataType.DOUBLE), true, true, DataType.DOUBLE);
        Optimizer adam = new Optimizer(OptimizerSpec.adam(0.05).withSchedule(new ScheduleSpec("exponential", java.util.Map.of("gamma", 0.998))),
                List.of(model.parameters()));
        Tensor x = Tensor.constant(data);
        for (int step = 0; step < 3000; step++) {
            try (TensorScope ignored = TensorScope.open()) {
                adam.step(Autograd.grad(ExactScoreMatching.loss(model, x), adam.tensors(), false));
            }
        }
        double scale = expectedPrecision.amaxNumber().doubleValue();
        assertThat(model.meanValues()).containsExactly(mean.toDoubleVector(), within(1e-4));
        double[] fitted = model.precision().reshape(d * d).toDoubleVector();
        assertThat(fitted).containsExactly(expectedPrecision.reshape(d * d).toDoubleVector(), within(1e-4 * scale));
    }
}
