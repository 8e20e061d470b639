package org.ebm4j.api.tensor;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/** Gradients beyond second order, and Hessian-vector products of a non-quadratic function. */
class HigherOrderTest {

    private final Random rng = Nd4j.getRandomFactory().getNewRandomInstance(5);
    private final INDArray w1 = Nd4j.randn(rng, new long[] {3, 4}).castTo(DataType.DOUBLE);
    private final INDArray w2 = Nd4j.randn(rng, new long[] {4, 1}).castTo(DataType.DOUBLE);

    private Tensor f(Tensor x) {
        return x.matmul(Tensor.constant(w1)).tanh().silu().matmul(Tensor.constant(w2)).softplus().sum();
    }

    /** u·∇(v·∇f): a third derivative, differentiated through two kept graphs. */
    private Tensor secondDirectional(Tensor x, INDArray v) {
        Tensor g1 = Autograd.grad(f(x), x, true);
        return Autograd.grad(g1.mul(Tensor.constant(v)).sum(), x, true);
    }

    @Test
    void thirdOrderMatchesFiniteDifferencesOfTheSecond() {
        INDArray x = Nd4j.randn(rng, new long[] {2, 3}).castTo(DataType.DOUBLE);
        INDArray v = Nd4j.randn(rng, new long[] {2, 3}).castTo(DataType.DOUBLE);
        INDArray u = Nd4j.randn(rng, new long[] {2, 3}).castTo(DataType.DOUBLE);
        Tensor xv = Tensor.variable(x);
        Tensor third = Autograd.grad(secondDirectional(xv, v).mul(Tensor.constant(u)).sum(), xv, false);
        INDArray numeric = GradCheck.numeric(in -> {
            Tensor leaf = Tensor.variable(in.get(0));
            return secondDirectional(leaf, v).mul(Tensor.constant(u)).sum().item();
        }, List.of(x), 0);
        GradCheck.assertClose("third order", third.array(), numeric, 1e-6);
    }

    @Test
    void hessianVectorProductMatchesAnExplicitHessian() {
        INDArray x = Nd4j.randn(rng, new long[] {1, 3}).castTo(DataType.DOUBLE);
        INDArray v = Nd4j.randn(rng, new long[] {1, 3}).castTo(DataType.DOUBLE);
        // explicit Hessian: finite differences of the (already checked) first gradient, column by column
        INDArray hessian = Nd4j.zeros(DataType.DOUBLE, 3, 3);
        for (int j = 0; j < 3; j++) {
            int col = j;
            INDArray row = GradCheck.numeric(in -> {
                Tensor leaf = Tensor.variable(in.get(0));
                return Autograd.grad(f(leaf), leaf, false).array().getDouble(0, col);
            }, List.of(x.dup()), 0);
            hessian.putRow(j, row.reshape(3));
        }
        Tensor hv = secondDirectional(Tensor.variable(x), v);
        GradCheck.assertClose("Hv", hv.array(), v.mmul(hessian.transpose()), 1e-6);
    }
}
