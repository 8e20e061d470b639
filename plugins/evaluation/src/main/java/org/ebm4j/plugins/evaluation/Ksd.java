package org.ebm4j.plugins.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.random.RandomSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Kernel Stein discrepancy (Liu, Lee and Jordan 2016; Chwialkowski, Strathmann and Gretton 2016) of the model on the
 * test data with the inverse multiquadric kernel {@code k = (c² + ‖x − y‖²)^β}, β = −½ (Gorham and Mackey 2017: it
 * detects non-convergence, where a Gaussian kernel does not). It needs only the model's score, no sampling and no
 * normaliser: {@code KSD² = E[u(x, x')]} with the Stein kernel
 * {@code u = s(x)ᵀs(x') k + s(x)ᵀ∇_{x'}k + s(x')ᵀ∇_x k + tr ∇_x∇_{x'} k}, estimated by its U-statistic, with a
 * wild-bootstrap p-value of "the data come from the model".
 */
final class Ksd implements Evaluator {

    record Settings(int points, double c, double beta, int bootstrap) {}

    private final Settings settings;

    Ksd(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Evaluation evaluate(EvaluationContext ctx) {
        long t0 = System.nanoTime();
        RandomSource random = ctx.random();
        INDArray test = ctx.data().test();
        int n = Math.min(settings.points(), test.rows());
        INDArray x = Samples.rows(test, random.permutation(test.rows()), n);
        INDArray s = Scores.of(ctx.model(), x, 1024);
        INDArray u = steinKernel(x, s);
        UStatistic ksd = UStatistic.of(u);
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("ksd2", ksd.value());
        m.put("ksd2-se", ksd.standardError());
        if (settings.bootstrap() > 0) {
            m.put("p-value", wildBootstrap(u, ksd.value(), random));
        }
        m.put("points", (double) n);
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        return new Evaluation(m, List.of());
    }

    /** The Stein kernel matrix {@code u(x_i, x_j)}, {@code [n, n]}, in float64. */
    INDArray steinKernel(INDArray x, INDArray s) {
        int n = x.rows();
        int d = x.columns();
        double beta = settings.beta();
        INDArray dist = Kernels.squaredDistances(x, x);
        INDArray q = dist.add(settings.c() * settings.c());
        INDArray k = Transforms.pow(q, beta, true);
        INDArray q1 = Transforms.pow(q, beta - 1, true);
        INDArray q2 = Transforms.pow(q, beta - 2, true);
        INDArray sx = s.mmul(x.transpose());                       // s_iᵀ x_j
        INDArray p = s.mul(x).sum(true, 1);                        // s_iᵀ x_i, [n, 1]
        // s_iᵀ∇_{x_j}k = −2β q^{β−1} (p_i − s_iᵀx_j);  s_jᵀ∇_{x_i}k = 2β q^{β−1} (s_jᵀx_i − p_j)
        INDArray towardJ = Nd4j.zeros(DataType.DOUBLE, n, n).addiColumnVector(p).subi(sx).muli(-2 * beta);
        INDArray towardI = sx.transpose().subRowVector(p.reshape(1, n)).muli(2 * beta);
        INDArray gradTerms = towardJ.addi(towardI).muli(q1);
        INDArray trace = q2.mul(dist).muli(-4 * beta * (beta - 1)).subi(q1.mul(2 * beta * d));
        return s.mmul(s.transpose()).muli(k).addi(gradTerms).addi(trace);
    }

    /** Rademacher-weighted replicates {@code (wᵀUw − tr U) / n(n−1)}: the share at least as large as the statistic. */
    private double wildBootstrap(INDArray u, double observed, RandomSource random) {
        int n = u.rows();
        int b = settings.bootstrap();
        INDArray w = random.rademacher(DataType.DOUBLE, n, b).array();
        double[] quadratic = w.mul(u.mmul(w)).sum(0).toDoubleVector();
        double trace = Nd4j.diag(u).sumNumber().doubleValue();
        double norm = (double) n * (n - 1);
        int atLeast = 0;
        for (double v : quadratic) {
            if ((v - trace) / norm >= observed) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (1.0 + b);
    }
}
