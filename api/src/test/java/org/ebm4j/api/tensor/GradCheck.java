package org.ebm4j.api.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Central finite differences in float64 against {@link Autograd}, first and second order. */
final class GradCheck {

    static final double STEP = 1e-6;

    private GradCheck() {}

    /** f's value as a double, for inputs given as raw arrays (constants: no graph). */
    static double value(Function<List<Tensor>, Tensor> f, List<INDArray> inputs) {
        List<Tensor> ts = new ArrayList<>();
        for (INDArray a : inputs) {
            ts.add(Tensor.constant(a));
        }
        return f.apply(ts).item();
    }

    /** Numerical gradient of scalar {@code f} with respect to {@code inputs[k]}, by central differences. */
    static INDArray numeric(Function<List<INDArray>, Double> f, List<INDArray> inputs, int k) {
        INDArray x = inputs.get(k);
        INDArray out = x.ulike().assign(0);
        for (long i = 0; i < x.length(); i++) {
            double orig = x.getDouble(i);
            x.putScalar(i, orig + STEP);
            double plus = f.apply(inputs);
            x.putScalar(i, orig - STEP);
            double minus = f.apply(inputs);
            x.putScalar(i, orig);
            out.putScalar(i, (plus - minus) / (2 * STEP));
        }
        return out;
    }

    /** Autograd gradients of scalar f with respect to all inputs (as variables), graph kept or not. */
    static List<Tensor> analytic(Function<List<Tensor>, Tensor> f, List<INDArray> inputs, boolean createGraph) {
        List<Tensor> vars = new ArrayList<>();
        for (INDArray a : inputs) {
            vars.add(Tensor.variable(a));
        }
        return Autograd.grad(f.apply(vars), vars, createGraph);
    }

    /** Checks first-order gradients of {@code f} against central differences. */
    static void firstOrder(String name, Function<List<Tensor>, Tensor> f, List<INDArray> inputs, double tol) {
        List<Tensor> grads = analytic(f, inputs, false);
        for (int k = 0; k < inputs.size(); k++) {
            INDArray num = numeric(in -> value(f, in), inputs, k);
            assertClose(name + " d/dinput" + k, grads.get(k).array(), num, tol);
            assertThat(grads.get(k).requiresGrad()).as("gradient without createGraph is a constant").isFalse();
        }
    }

    /**
     * Checks the gradient of {@code F = Σ_k sum(g_k²)}, where {@code g_k = ∂f/∂input_k} taken with the graph kept,
     * against central differences of F (each F evaluated with first-order autograd).
     */
    static void secondOrder(String name, Function<List<Tensor>, Tensor> f, List<INDArray> inputs, double tol) {
        // vars are variables: the first gradient is taken with respect to them, with the graph kept
        Function<List<Tensor>, Tensor> gradNormSquared = vars -> {
            Tensor total = null;
            for (Tensor gk : Autograd.grad(f.apply(vars), vars, true)) {
                Tensor s = gk.square().sum();
                total = total == null ? s : total.add(s);
            }
            return total;
        };
        List<Tensor> vars = new ArrayList<>();
        for (INDArray a : inputs) {
            vars.add(Tensor.variable(a));
        }
        List<Tensor> grads = Autograd.grad(gradNormSquared.apply(vars), vars, false);
        for (int k = 0; k < inputs.size(); k++) {
            INDArray num = numeric(in -> {
                List<Tensor> leaves = new ArrayList<>();
                for (INDArray a : in) {
                    leaves.add(Tensor.variable(a));
                }
                return gradNormSquared.apply(leaves).item();
            }, inputs, k);
            assertClose(name + " second order d/dinput" + k, grads.get(k).array(), num, tol);
        }
    }

    static void assertClose(String what, INDArray actual, INDArray expected, double tol) {
        assertThat(actual.shape()).as(what + " shape").isEqualTo(expected.shape());
        double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
        for (long i = 0; i < expected.length(); i++) {
            assertThat(actual.getDouble(i)).as(what + " element " + i).isCloseTo(expected.getDouble(i), within(tol * scale));
        }
    }
}
