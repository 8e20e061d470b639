package org.ebm4j.api.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Values (not gradients) at the edges, shapes, and the errors a plugin author meets. */
class TensorBehaviourTest {

    private static final DataType F = DataType.FLOAT;

    /** Broadcasting over trailing axes, leading axes, middle axes and all of them equals ND4J's own broadcast. */
    @Test
    void expandMatchesNd4jsBroadcastOnEveryPath() {
        long[][][] cases = {
            {{2, 3, 1, 1}, {2, 3, 4, 5}}, {{1, 1, 4, 5}, {2, 3, 4, 5}}, {{2, 1, 4}, {2, 3, 4}}, {{1, 1, 1}, {2, 3, 4}},
            {{3, 1}, {3, 4}}, {{1, 4}, {3, 4}}, {{2, 3, 1}, {2, 3, 6}}};
        for (long[][] c : cases) {
            for (org.nd4j.linalg.api.buffer.DataType type : new org.nd4j.linalg.api.buffer.DataType[] {
                    org.nd4j.linalg.api.buffer.DataType.DOUBLE, org.nd4j.linalg.api.buffer.DataType.FLOAT}) {
                org.nd4j.linalg.api.ndarray.INDArray x = org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.DOUBLE, c[0]).castTo(type);
                org.nd4j.linalg.api.ndarray.INDArray expected = x.broadcast(c[1]);
                assertThat(Tensor.constant(x).expand(c[0], c[1]).array()).as("%s -> %s %s", java.util.Arrays.toString(c[0]),
                        java.util.Arrays.toString(c[1]), type).isEqualTo(expected);
            }
        }
    }

    @Test
    void softplusIsFiniteAndAccurateFarFromZero() {
        Tensor x = Tensor.variable(Nd4j.createFromArray(new float[] {-100f, -30f, 0f, 30f, 100f, 1000f}));
        Tensor y = x.softplus();
        double[] v = y.toDoubleArray();
        assertThat(v[0]).isCloseTo(Math.exp(-100), within(1e-40));
        assertThat(v[2]).isCloseTo(Math.log(2), within(1e-6));
        assertThat(v[4]).isEqualTo(100.0);
        assertThat(v[5]).isEqualTo(1000.0);
        double[] g = Autograd.grad(y.sum(), x, false).toDoubleArray();
        assertThat(g).containsExactly(new double[] {Math.exp(-100) / (1 + Math.exp(-100)), 1 / (1 + Math.exp(30)), 0.5, 1, 1, 1},
                within(1e-7));
    }

    @Test
    void siluSecondDerivativeIsFiniteForLargeInputs() {
        Tensor x = Tensor.variable(Nd4j.createFromArray(new float[] {-1000f, -50f, 50f, 1000f}));
        Tensor g = Autograd.grad(x.silu().sum(), x, true);
        assertThat(g.toDoubleArray()).containsExactly(new double[] {0, 0, 1, 1}, within(1e-6));
        Tensor h = Autograd.grad(g.sum(), x, false);
        assertThat(h.toDoubleArray()).containsExactly(new double[] {0, 0, 0, 0}, within(1e-6));
    }

    @Test
    void logSumExpDoesNotOverflow() {
        Tensor x = Tensor.of(F, new double[][] {{1000, 1000}, {-1000, -1000}});
        assertThat(x.logSumExp(1, false).toDoubleArray()).containsExactly(new double[] {1000 + Math.log(2), -1000 + Math.log(2)}, within(1e-3));
        assertThat(x.logSumExp().item()).isCloseTo(1000 + Math.log(2), within(1e-3));
        Tensor probs = Tensor.of(F, new double[][] {{1, 2, 3}, {500, 0, -500}}).logSoftmax(1).exp().sum(1);
        assertThat(probs.toDoubleArray()).containsExactly(new double[] {1, 1}, within(1e-6));
    }

    @Test
    void whereDoesNotLeakTheUntakenBranchAndTheSafeInputPatternKeepsGradientsFinite() {
        Tensor x = Tensor.variable(Nd4j.createFromArray(new double[] {-1, 4}));
        Tensor positive = x.gt(0.0);
        assertThat(Tensor.where(positive, x.sqrt(), x.mul(0.0)).toDoubleArray()[0]).isNotNaN();
        // as in PyTorch: the untaken branch's backward still runs, so its input must be made safe first
        Tensor safeInput = Tensor.where(positive, x, Tensor.full(1.0, DataType.DOUBLE, 2));
        Tensor y = Tensor.where(positive, safeInput.sqrt(), x.mul(0.0));
        assertThat(y.toDoubleArray()).containsExactly(new double[] {0.0, 2.0}, within(0.0));
        assertThat(Autograd.grad(y.sum(), x, false).toDoubleArray()).containsExactly(new double[] {0.0, 0.25}, within(0.0));
    }

    @Test
    void nanConstantsPropagateDespiteNd4jsScalarOps() {
        Tensor x = Tensor.of(F, 2, -1);
        assertThat(x.mul(Double.NaN).toDoubleArray()).containsOnly(Double.NaN);
        assertThat(x.add(Double.NaN).toDoubleArray()).containsOnly(Double.NaN);
        assertThat(x.rsub(Double.NaN).toDoubleArray()).containsOnly(Double.NaN);
        assertThat(x.div(Tensor.scalar(Double.NaN, F)).toDoubleArray()).containsOnly(Double.NaN);
        assertThat(x.mul(Double.POSITIVE_INFINITY).toDoubleArray()).containsExactly(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
    }

    @Test
    void reductionsHaveTheDocumentedShapes() {
        Tensor m = Tensor.zeros(F, 5, 3);
        assertThat(m.sum().rank()).isZero();
        assertThat(m.sum(1).shape()).containsExactly(5);
        assertThat(m.sum(0, true).shape()).containsExactly(1, 3);
        assertThat(m.max(1).shape()).containsExactly(5);
        assertThat(m.rowDot(m).shape()).containsExactly(5);
        assertThat(m.logSumExp(1, false).shape()).containsExactly(5);
    }

    @Test
    void broadcastingFollowsNumpy() {
        Tensor col = Tensor.of(F, new double[][] {{1}, {2}});
        Tensor row = Tensor.of(F, new double[][] {{10, 20, 30}});
        assertThat(col.add(row).toDoubleArray()).containsExactly(11, 21, 31, 12, 22, 32);
        assertThat(row.sub(col).toDoubleArray()).containsExactly(9, 19, 29, 8, 18, 28);
        assertThatThrownBy(() -> Tensor.zeros(F, 2, 3).add(Tensor.zeros(F, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("do not broadcast");
    }

    @Test
    void mixingDataTypesIsAClearError() {
        assertThatThrownBy(() -> Tensor.zeros(DataType.FLOAT, 2, 2).add(Tensor.zeros(DataType.DOUBLE, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("FLOAT").hasMessageContaining("DOUBLE");
    }

    @Test
    void matmulShapeErrorsNameBothShapes() {
        assertThatThrownBy(() -> Tensor.zeros(F, 2, 3).matmul(Tensor.zeros(F, 2, 3)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[2, 3]");
    }

    @Test
    void gradientNeedsAScalarOrAGradOutput() {
        Tensor x = Tensor.variable(Nd4j.rand(F, 3, 2));
        assertThatThrownBy(() -> Autograd.grad(x.exp(), x, false))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one-element");
        Tensor vjp = Autograd.grad(x.exp(), List.of(x), Tensor.full(2.0, F, 3, 2), false).get(0);
        assertThat(vjp.toDoubleArray()).containsExactly(x.exp().mul(2.0).toDoubleArray(), within(1e-6));
    }

    @Test
    void unusedInputsGetZeroGradients() {
        Tensor x = Tensor.variable(Nd4j.rand(F, 3, 2));
        Tensor unused = Tensor.variable(Nd4j.rand(F, 4));
        List<Tensor> g = Autograd.grad(x.sum(), List.of(x, unused), false);
        assertThat(g.get(1).toDoubleArray()).containsOnly(0.0).hasSize(4);
    }

    @Test
    void gradientsAccumulateOverEveryUse() {
        Tensor x = Tensor.variable(Nd4j.createFromArray(new double[] {3.0}));
        Tensor y = x.mul(x).add(x.mul(2.0)).add(x.exp().log()); // x² + 3x
        assertThat(Autograd.grad(y.sum(), x, false).item()).isCloseTo(2 * 3.0 + 3, within(1e-12));
    }

    @Test
    void detachStopsGradientsAndRequireGradStartsANewLeaf() {
        Tensor x = Tensor.variable(Nd4j.createFromArray(new double[] {2.0}));
        Tensor y = x.square();
        Tensor z = y.detach().mul(x);               // d/dx = y = 4
        assertThat(Autograd.grad(z.sum(), x, false).item()).isEqualTo(4.0);
        Tensor leaf = y.requireGrad();
        assertThat(leaf.requiresGrad()).isTrue();
        assertThat(Autograd.grad(leaf.square().sum(), x, false).item()).isZero(); // cut from x
    }

    @Test
    void deepChainsDoNotOverflowTheStack() {
        Tensor x = Tensor.variable(Nd4j.createFromArray(new double[] {1.0}));
        Tensor y = x;
        try (TensorScope ignored = TensorScope.open()) {
            for (int i = 0; i < 20_000; i++) {
                y = y.add(1.0);
            }
            assertThat(Autograd.grad(y.sum(), x, false).item()).isEqualTo(1.0);
        }
    }
}
