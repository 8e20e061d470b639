package org.ebm4j.api.tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Every operation's gradient, and the gradient of its gradient, against central finite differences in float64.
 *
 * <p>Each case is an operation {@code op}; the checked scalar is {@code f = Σ W⊙op + ½ Σ op⊙op} with a fixed random
 * {@code W}, so the first gradient depends on the inputs through the operation's own backward rule and the
 * second-order check ({@code ∇ Σ‖∂f/∂input‖²}) differentiates through that rule.
 */
class GradientCheckTest {

    private static final double FIRST_ORDER_TOL = 1e-7;
    private static final double SECOND_ORDER_TOL = 1e-6;

    enum Domain { ANY, POSITIVE, AWAY_FROM_ZERO }

    record Case(String name, List<long[]> shapes, Domain domain, Function<List<Tensor>, Tensor> op) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case unary(String name, Domain domain, Function<Tensor, Tensor> op) {
        return new Case(name, List.of(new long[] {3, 4}), domain, in -> op.apply(in.get(0)));
    }

    private static Case binary(String name, long[] a, long[] b, Domain domain, java.util.function.BiFunction<Tensor, Tensor, Tensor> op) {
        return new Case(name, List.of(a, b), domain, in -> op.apply(in.get(0), in.get(1)));
    }

    /** The elementwise derivative of {@code f} at {@code t} by autograd, differentiable again. */
    private static Tensor derivative(Function<Tensor, Tensor> f, Tensor t) {
        Tensor leaf = t.requiresGrad() ? t : t.requireGrad(); // finite differences pass constants
        try (GradMode.Scope on = GradMode.on()) {
            return Autograd.grad(f.apply(leaf).sum(), leaf, true);
        }
    }

    static Stream<Case> cases() {
        long[] m = {3, 4};
        return Stream.of(
                unary("neg", Domain.ANY, Tensor::neg),
                unary("addScalar", Domain.ANY, t -> t.add(1.5)),
                unary("subScalar", Domain.ANY, t -> t.sub(1.5)),
                unary("rsubScalar", Domain.ANY, t -> t.rsub(2.0)),
                unary("mulScalar", Domain.ANY, t -> t.mul(-3.0)),
                unary("divScalar", Domain.ANY, t -> t.div(4.0)),
                unary("square", Domain.ANY, Tensor::square),
                unary("sqrt", Domain.POSITIVE, Tensor::sqrt),
                unary("pow3", Domain.ANY, t -> t.pow(3)),
                unary("pow1.5", Domain.POSITIVE, t -> t.pow(1.5)),
                unary("exp", Domain.ANY, Tensor::exp),
                unary("log", Domain.POSITIVE, Tensor::log),
                unary("log1p", Domain.POSITIVE, Tensor::log1p),
                unary("abs", Domain.AWAY_FROM_ZERO, Tensor::abs),
                unary("clamp", Domain.AWAY_FROM_ZERO, t -> t.clamp(-0.5, 0.7)),
                unary("sigmoid", Domain.ANY, Tensor::sigmoid),
                unary("tanh", Domain.ANY, Tensor::tanh),
                unary("softplus", Domain.ANY, Tensor::softplus),
                unary("silu", Domain.ANY, Tensor::silu),
                // silu' by autograd: the first-order check tests silu'', the second-order one the third derivative
                unary("silu'", Domain.ANY, t -> derivative(Tensor::silu, t)),
                // silu'' by autograd: the second-order check tests the fourth derivative
                unary("silu''", Domain.ANY, t -> derivative(u -> derivative(Tensor::silu, u), t)),
                unary("relu", Domain.AWAY_FROM_ZERO, Tensor::relu),
                unary("leakyRelu", Domain.AWAY_FROM_ZERO, t -> t.leakyRelu(0.2)),
                unary("elu", Domain.AWAY_FROM_ZERO, t -> t.elu(0.7)),
                unary("sumAll", Domain.ANY, Tensor::sum),
                unary("sum0", Domain.ANY, t -> t.sum(0)),
                unary("sum1", Domain.ANY, t -> t.sum(1)),
                unary("sum1keep", Domain.ANY, t -> t.sum(1, true)),
                unary("meanAll", Domain.ANY, Tensor::mean),
                unary("mean0keep", Domain.ANY, t -> t.mean(0, true)),
                unary("mean-1", Domain.ANY, t -> t.mean(-1)),
                unary("maxAll", Domain.ANY, Tensor::max),
                unary("max1", Domain.ANY, t -> t.max(1)),
                unary("max0keep", Domain.ANY, t -> t.max(0, true)),
                unary("logSumExpAll", Domain.ANY, Tensor::logSumExp),
                unary("logSumExp1", Domain.ANY, t -> t.logSumExp(1, false)),
                unary("logSumExp0keep", Domain.ANY, t -> t.logSumExp(0, true)),
                unary("logSoftmax1", Domain.ANY, t -> t.logSoftmax(1)),
                unary("transpose", Domain.ANY, Tensor::transpose),
                unary("reshape", Domain.ANY, t -> t.reshape(2, 6)),
                unary("reshapeFlat", Domain.ANY, t -> t.reshape(12)),
                unary("columns", Domain.ANY, t -> t.columns(1, 3)),
                unary("rows", Domain.ANY, t -> t.rows(1, 2)),
                unary("gatherRows", Domain.ANY, t -> t.gatherRows(2, 0, 2, 1)),
                unary("whereMask", Domain.AWAY_FROM_ZERO, t -> Tensor.where(t.gt(0.0), t.exp(), t.square())),
                binary("add", m, m, Domain.ANY, Tensor::add),
                binary("sub", m, m, Domain.ANY, Tensor::sub),
                binary("mul", m, m, Domain.ANY, Tensor::mul),
                binary("div", m, new long[] {3, 4}, Domain.POSITIVE, Tensor::div),
                binary("addRow", m, new long[] {1, 4}, Domain.ANY, Tensor::add),
                binary("subVector", m, new long[] {4}, Domain.ANY, Tensor::sub),
                binary("mulColumn", m, new long[] {3, 1}, Domain.ANY, Tensor::mul),
                binary("divColumn", m, new long[] {3, 1}, Domain.POSITIVE, Tensor::div),
                binary("mulScalarTensor", m, new long[0], Domain.ANY, Tensor::mul),
                binary("scalarMinusMatrix", new long[0], m, Domain.ANY, Tensor::sub),
                binary("rowMinusMatrix", new long[] {1, 4}, m, Domain.ANY, Tensor::sub),
                binary("rowDivMatrix", new long[] {1, 4}, m, Domain.POSITIVE, Tensor::div),
                binary("outerBroadcast", new long[] {3, 1}, new long[] {1, 4}, Domain.ANY, Tensor::mul),
                binary("vectorColumnBroadcast", new long[] {4}, new long[] {3, 1}, Domain.ANY, Tensor::add),
                binary("matmul", m, new long[] {4, 2}, Domain.ANY, Tensor::matmul),
                binary("matmulTransposed", m, new long[] {2, 4}, Domain.ANY, (a, b) -> a.matmul(b.transpose())),
                binary("rowDot", m, m, Domain.ANY, Tensor::rowDot),
                binary("concat0", m, new long[] {2, 4}, Domain.ANY, (a, b) -> Tensor.concat(0, a, b)),
                binary("concat1", m, new long[] {3, 2}, Domain.ANY, (a, b) -> Tensor.concat(1, a, b)),
                binary("where", m, m, Domain.AWAY_FROM_ZERO, (a, b) -> Tensor.where(a.gt(b), a.mul(b), b.sub(a))),
                new Case("permute", List.of(new long[] {2, 3, 4}), Domain.ANY, in -> in.get(0).permute(2, 0, 1)),
                new Case("im2col", List.of(new long[] {2, 2, 5, 5}), Domain.ANY, in -> Convolution.im2col(in.get(0), 3, 3, 1, 1)),
                new Case("im2colStride2", List.of(new long[] {1, 2, 5, 6}), Domain.ANY, in -> Convolution.im2col(in.get(0), 3, 2, 2, 0)),
                new Case("col2im", List.of(new long[] {2, 2, 3, 3, 3, 3}), Domain.ANY, in -> Convolution.col2im(in.get(0), 1, 0, 5, 5)),
                new Case("patches", List.of(new long[] {2, 2, 5, 5}), Domain.ANY, in -> Convolution.patches(in.get(0), 3, 3, 1, 1)),
                new Case("patchesStride2", List.of(new long[] {1, 2, 5, 6}), Domain.ANY, in -> Convolution.patches(in.get(0), 3, 2, 2, 0)),
                new Case("unpatches", List.of(new long[] {2 * 3 * 3, 2 * 3 * 3}), Domain.ANY,
                        in -> Convolution.unpatches(in.get(0), new Patches.Geometry(2, 2, 5, 5, 3, 3, 2, 1))),
                new Case("conv2d", List.of(new long[] {2, 2, 5, 5}, new long[] {3, 2, 3, 3}), Domain.ANY,
                        in -> Convolution.conv2d(in.get(0), in.get(1), 1, 1)),
                new Case("conv2dStride2Bias", List.of(new long[] {2, 2, 6, 5}, new long[] {3, 2, 3, 3}, new long[] {3}), Domain.ANY,
                        in -> Convolution.conv2d(in.get(0), in.get(1), in.get(2), 2, 1)),
                new Case("convTranspose2d", List.of(new long[] {2, 3, 3, 3}, new long[] {3, 2, 3, 3}), Domain.ANY,
                        in -> Convolution.convTranspose2d(in.get(0), in.get(1), 2, 1)),
                new Case("avgPool2d", List.of(new long[] {2, 2, 4, 6}), Domain.ANY, in -> Convolution.avgPool2d(in.get(0), 2)),
                new Case("globalSumPool", List.of(new long[] {2, 3, 3, 2}), Domain.ANY, in -> Convolution.globalSumPool(in.get(0))),
                // a two-layer conv energy: the second-order check differentiates its input gradient in every weight
                new Case("convNet", List.of(new long[] {2, 1, 6, 6}, new long[] {3, 1, 3, 3}, new long[] {2, 3, 3, 3}), Domain.ANY,
                        in -> Convolution.globalMeanPool(Convolution.conv2d(Convolution.conv2d(in.get(0), in.get(1), 1, 1).silu(),
                                in.get(2), 2, 1).silu()).sum(1)),
                new Case("mlpLayer", List.of(new long[] {5, 3}, new long[] {3, 4}, new long[] {1, 4}), Domain.ANY,
                        in -> in.get(0).matmul(in.get(1)).add(in.get(2)).silu().sum(1)));
    }

    private static Random rng;

    @BeforeAll
    static void seed() {
        rng = Nd4j.getRandomFactory().getNewRandomInstance(1234);
    }

    private static List<INDArray> inputs(Case c) {
        List<INDArray> inputs = new ArrayList<>();
        for (long[] shape : c.shapes()) {
            INDArray x = Nd4j.rand(rng, shape).castTo(DataType.DOUBLE); // U(0, 1)
            switch (c.domain()) {
                case POSITIVE -> x.muli(1.5).addi(0.3);
                case ANY -> x.muli(3.0).subi(1.5);
                // |x| in [0.2, 1.5]: no kink within a finite-difference step
                case AWAY_FROM_ZERO -> x.assign(Transforms.sign(x.sub(0.5), false).muli(x.mul(1.3).addi(0.2)));
            }
            inputs.add(x);
        }
        return inputs;
    }

    /** f = Σ W⊙op + ½ Σ op⊙op for a fixed W of op's shape. */
    private static Function<List<Tensor>, Tensor> scalarised(Case c, List<INDArray> inputs) {
        List<Tensor> probe = new ArrayList<>();
        for (INDArray a : inputs) {
            probe.add(Tensor.constant(a));
        }
        long[] outShape = c.op().apply(probe).shape();
        INDArray w = Nd4j.rand(rng, outShape.length == 0 ? new long[] {1} : outShape).castTo(DataType.DOUBLE).subi(0.5);
        Tensor weights = Tensor.constant(outShape.length == 0 ? w.reshape(new long[0]) : w);
        return in -> {
            Tensor y = c.op().apply(in);
            return y.mul(weights).sum().add(y.square().sum().mul(0.5));
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firstOrderMatchesFiniteDifferences(Case c) {
        List<INDArray> inputs = inputs(c);
        GradCheck.firstOrder(c.name(), scalarised(c, inputs), inputs, FIRST_ORDER_TOL);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void secondOrderMatchesFiniteDifferences(Case c) {
        List<INDArray> inputs = inputs(c);
        GradCheck.secondOrder(c.name(), scalarised(c, inputs), inputs, SECOND_ORDER_TOL);
    }
}
