package org.ebm4j.plugins.evaluation;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Annealed importance sampling (Neal 2001) of {@code log Z} of {@code p ∝ exp(−E)} from a normalised base q along the
 * geometric path {@code f_β = (1 − β) log q − β E}, and its reverse (RAISE, Burda, Grosse and Salakhutdinov 2015).
 *
 * <p>Forward: {@code x₀ ~ q}; for k = 1..K, {@code log w += f_k(x) − f_{k−1}(x)}, then {@code x ← T_k(x)}. Then
 * {@code E[w] = Z}, so {@code log mean w} is a stochastic <em>lower</em> bound on log Z (Jensen). Reverse: x starts at
 * draws of p (distinct held-out rows stand in for them); for k = K..1, {@code x ← T_k(x)}, then
 * {@code log u += f_{k−1}(x) − f_k(x)}; {@code −mean log u} over the starting rows is a stochastic <em>upper</em> bound
 * (see {@link ReverseEstimate}).
 *
 * <p>Each T_k is one call of the transition sampler on {@link Tempered} at β_k. Its step size is tuned per temperature
 * in a warm-up pass (the sampler's own warm-up adaptation, on fewer chains along the same path) and then frozen, so the
 * passes that count use fixed Markov kernels. Chains run vectorised, {@code chunk} at a time (memory stays bounded);
 * weights accumulate in float64.
 */
final class AnnealedImportanceSampling {

    record Settings(int temperatures, String schedule, int chains, int tuneChains, int tuneEvery, int reversePoints, int chunk) {}

    /** Forward (lower) and, if asked, reverse (upper) estimates, the tuned steps and the seconds it took. */
    record Result(LogWeights forward, Optional<ReverseEstimate> reverse, double[] tunedSteps, double seconds) {}

    private final Settings settings;
    private final NoiseDistribution base;
    private final Sampler transition;

    AnnealedImportanceSampling(Settings settings, NoiseDistribution base, Sampler transition) {
        this.settings = settings;
        this.base = base;
        this.transition = transition;
    }

    /** Runs with {@code base} already fitted; {@code reverseStarts} are the points the reverse pass starts from. */
    Result run(EnergyModel model, INDArray reverseStarts, RandomSource random) {
        long t0 = System.nanoTime();
        double[] betas = Schedule.betas(settings.schedule(), settings.temperatures());
        double[] steps = tune(model, betas, random);
        double[] forward = new double[settings.chains()];
        for (int from = 0; from < forward.length; from += settings.chunk()) {
            int n = Math.min(settings.chunk(), forward.length - from);
            System.arraycopy(forwardChunk(model, betas, steps, n, random), 0, forward, from, n);
        }
        Optional<ReverseEstimate> reverse = Optional.empty();
        if (settings.reversePoints() > 0) {
            double[] u = new double[settings.reversePoints()];
            int[] rows = startRows(u.length, (int) reverseStarts.rows(), random);
            for (int from = 0; from < u.length; from += settings.chunk()) {
                int n = Math.min(settings.chunk(), u.length - from);
                INDArray starts = Nd4j.pullRows(reverseStarts, 1, Arrays.copyOfRange(rows, from, from + n));
                System.arraycopy(reverseChunk(model, betas, steps, starts, random), 0, u, from, n);
            }
            reverse = Optional.of(ReverseEstimate.of(u));
        }
        return new Result(LogWeights.of(forward), reverse, steps, (System.nanoTime() - t0) / 1e9);
    }

    /** Distinct test rows in random order, as many as asked (rows repeat only when more are asked than there are). */
    private static int[] startRows(int count, int available, RandomSource random) {
        int[] rows = new int[count];
        for (int from = 0; from < count; from += available) {
            int[] order = random.permutation(available);
            System.arraycopy(order, 0, rows, from, Math.min(available, count - from));
        }
        return rows;
    }

    /**
     * Step sizes per temperature (index k = 1..K; NaN: the sampler has none), from a pass of fewer chains along the same
     * path. Every {@code tune-every}-th temperature the sampler's warm-up adapts the step, starting from the step found
     * before (neighbouring temperatures want similar steps, so a short warm-up suffices); in between the chains take
     * the last step frozen, which keeps them in equilibrium at a fraction of the cost.
     */
    private double[] tune(EnergyModel model, double[] betas, RandomSource random) {
        int k = betas.length - 1;
        double[] steps = new double[k + 1];
        Arrays.fill(steps, Double.NaN);
        double current = Double.NaN;
        try (GradMode.Scope off = GradMode.off()) {
            INDArray state = draw(settings.tuneChains(), model, random);
            for (int i = 1; i <= k; i++) {
                boolean adapt = (i - 1) % settings.tuneEvery() == 0 || i == k;
                SamplerContext context = Double.isNaN(current) ? new SamplerContext(random)
                        : adapt ? new SamplerContext(random, OptionalDouble.of(current), true) : new SamplerContext(random).frozenAt(current);
                try (TensorScope scope = TensorScope.open()) {
                    SampleResult r = transition.sample(new Tempered(model, base, betas[i]), Tensor.constant(state), context);
                    Double step = r.diagnostics().get("step-size");
                    if (step != null && step > 0 && !Double.isInfinite(step)) {
                        current = step;
                        steps[i] = step;
                    }
                    state.assign(r.samples().array()); // one buffer for the chains: memory does not grow with K
                }
            }
        }
        return steps;
    }

    private double[] forwardChunk(EnergyModel model, double[] betas, double[] steps, int n, RandomSource random) {
        int k = betas.length - 1;
        INDArray logW = Nd4j.zeros(DataType.DOUBLE, n);
        try (GradMode.Scope off = GradMode.off()) {
            INDArray state = draw(n, model, random);
            Tensor x = Tensor.constant(state);
            for (int i = 1; i <= k; i++) {
                try (TensorScope scope = TensorScope.open()) {
                    logW.addi(logRatio(model, x).mul(betas[i] - betas[i - 1]).array());
                    if (i < k) {
                        state.assign(transition.sample(new Tempered(model, base, betas[i]), x, context(steps[i], random)).samples().array());
                    }
                }
            }
        }
        return logW.toDoubleVector();
    }

    private double[] reverseChunk(EnergyModel model, double[] betas, double[] steps, INDArray starts, RandomSource random) {
        int k = betas.length - 1;
        INDArray logU = Nd4j.zeros(DataType.DOUBLE, starts.rows());
        try (GradMode.Scope off = GradMode.off()) {
            INDArray state = starts.castTo(model.dataType()).dup();
            Tensor x = Tensor.constant(state);
            for (int i = k; i >= 1; i--) {
                try (TensorScope scope = TensorScope.open()) {
                    state.assign(transition.sample(new Tempered(model, base, betas[i]), x, context(steps[i], random)).samples().array());
                    logU.subi(logRatio(model, x).mul(betas[i] - betas[i - 1]).array());
                }
            }
        }
        return logU.toDoubleVector();
    }

    /** {@code −E(x) − log q(x)} per chain, in float64: the slope of the path's log-density in β. */
    private Tensor logRatio(EnergyModel model, Tensor x) {
        return model.energy(x).castTo(DataType.DOUBLE).neg().sub(base.logProb(x).castTo(DataType.DOUBLE));
    }

    /** {@code n} draws of the base, in the model's precision, in a buffer of their own (no scope frees it). */
    private INDArray draw(int n, EnergyModel model, RandomSource random) {
        try (TensorScope scope = TensorScope.open()) {
            return base.sample(n, random).array().castTo(model.dataType()).dup();
        }
    }

    private static SamplerContext context(double step, RandomSource random) {
        return Double.isNaN(step) ? new SamplerContext(random) : new SamplerContext(random).frozenAt(step);
    }

    /** The tuned steps' range, for the diagnostics. */
    static Map<String, Double> stepRange(double[] steps) {
        double min = Arrays.stream(steps).filter(Double::isFinite).min().orElse(Double.NaN);
        double max = Arrays.stream(steps).filter(Double::isFinite).max().orElse(Double.NaN);
        return Map.of("min", min, "max", max);
    }
}
