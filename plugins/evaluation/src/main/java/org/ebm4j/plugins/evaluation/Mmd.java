package org.ebm4j.plugins.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Maximum mean discrepancy (Gretton et al. 2012) between the model's samples and the test data: the unbiased MMD² with
 * RBF kernels at every bandwidth asked for, its standard error, the same statistic between two disjoint sets of test rows
 * of the same size (the floor: what sampling noise alone gives), and a permutation-test p-value of "samples and data come from one
 * distribution". The median heuristic is one bandwidth among several: on data with structure smaller than its spread
 * (8gaussians) it picks a kernel too wide to see it.
 */
final class Mmd implements Evaluator {

    /**
     * @param features {@code pixels} (the rows as they are) and/or {@code random-conv} ({@link RandomConvFeatures} of the
     *                 rows read as images of {@code image}'s shape)
     * @param image    {@code [channels, height, width]} for random-conv
     */
    record Settings(int samples, List<String> bandwidths, int permutations, List<String> features, List<Integer> image) {

        Settings(int samples, List<String> bandwidths, int permutations) {
            this(samples, bandwidths, permutations, List.of("pixels"), List.of());
        }
    }

    private final Settings settings;
    private final Sampler sampler;
    private final NoiseDistribution init;

    Mmd(Settings settings, Sampler sampler, NoiseDistribution init) {
        this.settings = settings;
        this.sampler = sampler;
        this.init = init;
    }

    @Override
    public Evaluation evaluate(EvaluationContext ctx) {
        long t0 = System.nanoTime();
        RandomSource random = ctx.random();
        INDArray samples = draw(ctx, random);
        double samplingSeconds = (System.nanoTime() - t0) / 1e9;
        Map<String, Double> m = new LinkedHashMap<>();
        INDArray finite = Samples.finiteRows(samples);
        m.put("non-finite-samples", (double) (samples.rows() - finite.rows()));
        INDArray test = ctx.data().test().castTo(DataType.DOUBLE);
        int n = Math.min(finite.rows(), test.rows());
        if (n < 4) {
            m.put("mmd2", Double.NaN);
            m.put("seconds", (System.nanoTime() - t0) / 1e9);
            return new Evaluation(m, List.of());
        }
        INDArray x = Samples.rows(finite, random.permutation(finite.rows()), n);
        INDArray y = Samples.rows(test, random.permutation(test.rows()), n);
        INDArray testPerm = Samples.rows(test, random.permutation(test.rows()), test.rows());
        // the floor compares two disjoint sets of test rows of the statistic's own size n (at most half the test rows each):
        // the same noise as the statistic, and n² kernels, not (test rows)² (10,000 test images made 8 GB of kernels)
        int half = Math.min(n, test.rows() / 2);
        INDArray a = Samples.rows(testPerm, range(0, half), half);
        INDArray b = Samples.rows(testPerm, range(half, 2 * half), half);
        for (String feature : settings.features()) {
            if (feature.equals("pixels")) {
                measure("", x, y, a, b, settings.bandwidths(), random, m);
            } else {
                RandomConvFeatures phi = randomConv(x.columns());
                // pixel-unit bandwidths mean nothing in feature space: the median heuristic only
                measure("random-conv/", phi.apply(x), phi.apply(y), phi.apply(a), phi.apply(b), List.of("median"), random, m);
            }
        }
        m.put("sampling-seconds", samplingSeconds);
        m.put("seconds", (System.nanoTime() - t0) / 1e9);
        return new Evaluation(m, List.of());
    }

    /** MMD² of {@code x} against {@code y}, and of the test halves {@code a}, {@code b} (the floor), at each bandwidth. */
    private void measure(String prefix, INDArray x, INDArray y, INDArray a, INDArray b, List<String> bandwidths, RandomSource random,
                         Map<String, Double> m) {
        double median = Kernels.medianDistance(y);
        m.put(prefix + "bandwidth/median", median);
        for (String spec : bandwidths) {
            double h = spec.equals("median") ? median : Double.parseDouble(spec);
            String key = "h=" + (spec.equals("median") ? "median" : String.format(Locale.ROOT, "%s", spec));
            UStatistic stat = UStatistic.of(h(x, y, h));
            UStatistic floor = UStatistic.of(h(a, b, h));
            m.put(prefix + "mmd2/" + key, stat.value());
            m.put(prefix + "mmd2-se/" + key, stat.standardError());
            m.put(prefix + "mmd2-floor/" + key, floor.value());
            m.put(prefix + "mmd2-floor-se/" + key, floor.standardError());
            if (settings.permutations() > 0) {
                m.put(prefix + "p-value/" + key, permutationPValue(x, y, h, stat.value(), random));
            }
        }
    }

    private RandomConvFeatures randomConv(long d) {
        List<Integer> image = settings.image();
        if (!image.isEmpty()) {
            return new RandomConvFeatures(image.get(0), image.get(1), image.get(2));
        }
        int side = (int) Math.round(Math.sqrt(d));
        return new RandomConvFeatures(1, side, side); // the provider checked that d is a square
    }

    private INDArray draw(EvaluationContext ctx, RandomSource random) {
        init.fit(ctx.data(), random);
        try (GradMode.Scope off = GradMode.off(); TensorScope scope = TensorScope.open()) {
            Tensor start = Tensor.constant(init.sample(settings.samples(), random).array().castTo(ctx.model().dataType()).dup());
            return sampler.sample(ctx.model(), start, new SamplerContext(random)).samples().array().castTo(DataType.DOUBLE).dup();
        }
    }

    /** {@code h_ij = k(x_i,x_j) + k(y_i,y_j) − k(x_i,y_j) − k(x_j,y_i)}: its off-diagonal mean is the unbiased MMD². */
    private static INDArray h(INDArray x, INDArray y, double bandwidth) {
        INDArray kxy = Kernels.rbf(Kernels.squaredDistances(x, y), bandwidth);
        return Kernels.rbf(Kernels.squaredDistances(x, x), bandwidth).addi(Kernels.rbf(Kernels.squaredDistances(y, y), bandwidth))
                .subi(kxy).subi(kxy.transpose());
    }

    /**
     * The share of random relabellings of the pooled rows whose unbiased MMD² is at least the observed one, all
     * relabellings at once: with A the [2n, B] matrix of "in the first group" indicators and K the pooled kernel, the
     * sums of every block are columns of {@code A ∘ KA} and {@code KA}.
     */
    private double permutationPValue(INDArray x, INDArray y, double bandwidth, double observed, RandomSource random) {
        int n = x.rows();
        int total = 2 * n;
        int perms = settings.permutations();
        INDArray z = Nd4j.vstack(x, y);
        INDArray k = Kernels.rbf(Kernels.squaredDistances(z, z), bandwidth);
        INDArray a = Nd4j.zeros(DataType.DOUBLE, total, perms);
        for (int p = 0; p < perms; p++) {
            int[] perm = random.permutation(total);
            for (int i = 0; i < n; i++) {
                a.putScalar(perm[i], p, 1.0);
            }
        }
        INDArray ka = k.mmul(a);                                   // [2n, B]
        double[] aka = a.mul(ka).sum(0).toDoubleVector();         // aᵀKa
        INDArray rowSums = k.sum(true, 1);                         // K1, [2n, 1]
        double all = rowSums.sumNumber().doubleValue();            // 1ᵀK1
        double[] sa = a.transpose().mmul(rowSums).toDoubleVector(); // (K1)ᵀa
        double norm = (double) n * (n - 1);
        int atLeast = 0;
        for (int p = 0; p < perms; p++) {
            double xx = aka[p] - n;                      // the diagonal of an RBF kernel is 1
            double yy = all - 2 * sa[p] + aka[p] - n;
            double xy = sa[p] - aka[p];
            double stat = xx / norm + yy / norm - 2 * xy / ((double) n * n);
            if (stat >= observed) {
                atLeast++;
            }
        }
        return (1.0 + atLeast) / (1.0 + perms);
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) {
            r[i] = from + i;
        }
        return r;
    }
}
