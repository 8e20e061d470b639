package org.ebm4j.api.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Known answers from docs/math.md for the Gaussian energy {@code E(x) = ½ (x-μ)ᵀΛ(x-μ)}: its Hessian is Λ, its score
 * {@code -Λ(x-μ)}, and the exact, sliced and denoising score-matching losses have closed forms. The losses are
 * written with Tensor operations exactly as the objectives will write them; the closed forms with raw ND4J.
 */
class GaussianKnownAnswersTest {

    private static final int N = 7;
    private static final int D = 3;

    private final Random rng = Nd4j.getRandomFactory().getNewRandomInstance(99);
    private final INDArray x = Nd4j.randn(rng, new long[] {N, D}).castTo(DataType.DOUBLE);
    private final INDArray mu = Nd4j.createFromArray(new double[][] {{0.3, -0.7, 1.1}});
    private final INDArray lambda = Nd4j.createFromArray(new double[][] {
        {2.0, 0.3, -0.2},
        {0.3, 1.5, 0.4},
        {-0.2, 0.4, 0.8}});

    /** Per-row energy [n]. */
    static Tensor energy(Tensor x, Tensor mu, Tensor lambda) {
        Tensor centred = x.sub(mu);
        return centred.matmul(lambda).rowDot(centred).mul(0.5);
    }

    private INDArray centred(INDArray points) {
        return points.subRowVector(mu);
    }

    @Test
    void scoreIsMinusLambdaTimesCentred() {
        Tensor xv = Tensor.variable(x);
        Tensor dEdx = Autograd.grad(energy(xv, Tensor.constant(mu), Tensor.constant(lambda)).sum(), xv, false);
        GradCheck.assertClose("∇E", dEdx.array(), centred(x).mmul(lambda), 1e-12);
    }

    @Test
    void hessianOfTheQuadraticIsLambda() {
        INDArray point = x.getRow(0, true).dup();
        Tensor xv = Tensor.variable(point);
        Tensor g = Autograd.grad(energy(xv, Tensor.constant(mu), Tensor.constant(lambda)).sum(), xv, true);
        INDArray hessian = Nd4j.zeros(DataType.DOUBLE, D, D);
        for (int j = 0; j < D; j++) {
            Tensor row = Autograd.grad(g.columns(j, j + 1).sum(), xv, false);
            hessian.putRow(j, row.array().reshape(D));
        }
        GradCheck.assertClose("Hessian", hessian, lambda, 1e-12);
    }

    @Test
    void hessianVectorProductIsLambdaTimesV() {
        INDArray v = Nd4j.randn(rng, new long[] {N, D}).castTo(DataType.DOUBLE);
        Tensor xv = Tensor.variable(x);
        Tensor g = Autograd.grad(energy(xv, Tensor.constant(mu), Tensor.constant(lambda)).sum(), xv, true);
        Tensor hv = Autograd.grad(g.rowDot(Tensor.constant(v)).sum(), xv, false);
        GradCheck.assertClose("Hv", hv.array(), v.mmul(lambda), 1e-12);
    }

    /** J = mean[½‖∇E‖² - tr ∇²E] with the trace from one backward pass per coordinate. */
    static Tensor exactScoreMatching(Tensor x, Function<Tensor, Tensor> energy) {
        Tensor xv = x.requireGrad();
        Tensor g = Autograd.grad(energy.apply(xv).sum(), xv, true);
        Tensor trace = null;
        for (int j = 0; j < x.columns(); j++) {
            Tensor diag = Autograd.grad(g.columns(j, j + 1).sum(), xv, true).columns(j, j + 1);
            trace = trace == null ? diag : trace.add(diag);
        }
        return g.square().sum(1).mul(0.5).sub(trace.reshape(x.rows())).mean();
    }

    /** J = mean[vᵀ∇s v + ½ (vᵀs)²] = mean[-(h·v) + ½ (g·v)²], g = ∇E, h = ∇(g·v). */
    static Tensor slicedScoreMatching(Tensor x, Tensor v, Function<Tensor, Tensor> energy) {
        Tensor xv = x.requireGrad();
        Tensor g = Autograd.grad(energy.apply(xv).sum(), xv, true);
        Tensor gv = g.rowDot(v);
        Tensor hv = Autograd.grad(gv.sum(), xv, true).rowDot(v);
        return gv.square().mul(0.5).sub(hv).mean();
    }

    /** J = mean ½‖σ s(x̃) + ε‖², x̃ = x + σε, s = -∇E. */
    static Tensor denoisingScoreMatching(Tensor x, Tensor eps, double sigma, Function<Tensor, Tensor> energy) {
        Tensor noisy = x.add(eps.mul(sigma)).requireGrad();
        Tensor g = Autograd.grad(energy.apply(noisy).sum(), noisy, true);
        return eps.sub(g.mul(sigma)).square().sum(1).mean().mul(0.5);
    }

    private static double meanOfRows(INDArray perRow) {
        return perRow.meanNumber().doubleValue();
    }

    @Test
    void exactScoreMatchingEqualsItsClosedForm() {
        Tensor loss = exactScoreMatching(Tensor.constant(x), t -> energy(t, Tensor.constant(mu), Tensor.constant(lambda)));
        INDArray s = centred(x).mmul(lambda);
        double expected = 0.5 * meanOfRows(s.mul(s).sum(1)) - org.nd4j.linalg.factory.Nd4j.diag(lambda).sumNumber().doubleValue();
        assertThat(loss.item()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void slicedScoreMatchingEqualsItsClosedForm() {
        INDArray v = Nd4j.randn(rng, new long[] {N, D}).castTo(DataType.DOUBLE);
        Tensor loss = slicedScoreMatching(Tensor.constant(x), Tensor.constant(v),
                t -> energy(t, Tensor.constant(mu), Tensor.constant(lambda)));
        INDArray vLv = v.mmul(lambda).mul(v).sum(1);
        INDArray vs = centred(x).mmul(lambda).mul(v).sum(1);
        double expected = meanOfRows(vs.mul(vs).mul(0.5).sub(vLv));
        assertThat(loss.item()).isCloseTo(expected, within(1e-12));
    }

    @Test
    void denoisingScoreMatchingEqualsItsClosedForm() {
        double sigma = 0.1;
        INDArray eps = Nd4j.randn(rng, new long[] {N, D}).castTo(DataType.DOUBLE);
        Tensor loss = denoisingScoreMatching(Tensor.constant(x), Tensor.constant(eps), sigma,
                t -> energy(t, Tensor.constant(mu), Tensor.constant(lambda)));
        INDArray noisy = x.add(eps.mul(sigma));
        INDArray r = eps.sub(centred(noisy).mmul(lambda).mul(sigma));
        double expected = 0.5 * meanOfRows(r.mul(r).sum(1));
        assertThat(loss.item()).isCloseTo(expected, within(1e-12));
    }

    /** The parameter gradients of the three losses (which pass through gradients of gradients) against finite differences. */
    @Test
    void parameterGradientsOfScoreMatchingLossesMatchFiniteDifferences() {
        INDArray v = Nd4j.randn(rng, new long[] {N, D}).castTo(DataType.DOUBLE);
        INDArray eps = Nd4j.randn(rng, new long[] {N, D}).castTo(DataType.DOUBLE);
        Tensor data = Tensor.constant(x);
        List<INDArray> params = new ArrayList<>(List.of(mu.dup(), lambda.dup()));
        GradCheck.firstOrder("exact SM", p -> exactScoreMatching(data, t -> energy(t, p.get(0), p.get(1))), params, 1e-7);
        GradCheck.firstOrder("SSM", p -> slicedScoreMatching(data, Tensor.constant(v), t -> energy(t, p.get(0), p.get(1))), params, 1e-7);
        GradCheck.firstOrder("DSM", p -> denoisingScoreMatching(data, Tensor.constant(eps), 0.1, t -> energy(t, p.get(0), p.get(1))), params, 1e-7);
    }

    /** The same losses on a small MLP energy, whose Hessian is not constant, against finite differences. */
    @Test
    void scoreMatchingParameterGradientsOnAnMlpMatchFiniteDifferences() {
        INDArray v = Nd4j.randn(rng, new long[] {N, D}).castTo(DataType.DOUBLE);
        INDArray eps = Nd4j.randn(rng, new long[] {N, D}).castTo(DataType.DOUBLE);
        List<INDArray> params = new ArrayList<>(List.of(
                Nd4j.randn(rng, new long[] {D, 5}).castTo(DataType.DOUBLE),
                Nd4j.randn(rng, new long[] {1, 5}).castTo(DataType.DOUBLE),
                Nd4j.randn(rng, new long[] {5, 1}).castTo(DataType.DOUBLE)));
        Tensor data = Tensor.constant(x);
        Function<List<Tensor>, Function<Tensor, Tensor>> mlp = p -> t -> t.matmul(p.get(0)).add(p.get(1)).silu().matmul(p.get(2)).reshape(t.rows());
        GradCheck.firstOrder("exact SM on MLP", p -> exactScoreMatching(data, mlp.apply(p)), params, 1e-7);
        GradCheck.firstOrder("SSM on MLP", p -> slicedScoreMatching(data, Tensor.constant(v), mlp.apply(p)), params, 1e-7);
        GradCheck.firstOrder("DSM on MLP", p -> denoisingScoreMatching(data, Tensor.constant(eps), 0.1, mlp.apply(p)), params, 1e-7);
    }
}
