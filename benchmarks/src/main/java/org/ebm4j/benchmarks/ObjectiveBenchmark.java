package org.ebm4j.benchmarks;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.NoiseConditionalEnergy;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.optim.Optimizer;
import org.ebm4j.api.optim.OptimizerSpec;
import org.ebm4j.api.param.Init;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.ebm4j.plugins.dsm.DenoisingScoreMatching;
import org.ebm4j.plugins.flow.FlowNoiseProvider;
import org.ebm4j.plugins.nce.FceProvider;
import org.ebm4j.plugins.nce.NceProvider;
import org.ebm4j.plugins.noise.GaussianNoiseProvider;
import org.ebm4j.plugins.exactsm.ExactScoreMatching;
import org.ebm4j.plugins.mcmc.UnadjustedLangevin;
import org.ebm4j.plugins.mlp.MlpEnergy;
import org.ebm4j.plugins.ssm.SlicedScoreMatching;
import org.ebm4j.runtime.experiment.Standalone;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cost of one training step of each score-matching objective with the real plugin classes: MLP d→128→128→1, SiLU,
 * batch 256, float32, Adam. Prints ms/step (median of rounds after warm-up) and the arrays a step allocates, which
 * is the number of ND4J operations it runs (each result is one fresh array), the quantity that bounds small-array
 * speed; and Langevin sampling throughput. Run with {@code benchmarks/run objectives [objectives|dims|langevin|all]}.
 */
public final class ObjectiveBenchmark {

    private static final int ROUNDS = 7;

    private ObjectiveBenchmark() {}

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "all";
        System.out.printf(Locale.ROOT, "# ebm4j objective benchmark: OMP_NUM_THREADS=%s, OPENBLAS_CORETYPE=%s%n",
                System.getenv("OMP_NUM_THREADS"), System.getenv("OPENBLAS_CORETYPE"));
        if (what.equals("objectives") || what.equals("all")) {
            objectives();
        }
        if (what.equals("dims") || what.equals("all")) {
            dimensions();
        }
        if (what.equals("langevin") || what.equals("all")) {
            langevin();
        }
    }

    private static void objectives() {
        System.out.printf(Locale.ROOT, "%n## one training step, MLP 2-128-128-1 SiLU, batch 256, float32, Adam%n");
        System.out.printf(Locale.ROOT, "%-10s %10s %10s %12s%n", "objective", "ms/step", "× dsm", "ops/step");
        double dsm = report("dsm", 2, m -> m, new DenoisingScoreMatching(0.1), 0);
        report("ncsn", 2, m -> NoiseConditionalEnergy.scaled(m, 0.05), DenoisingScoreMatching.multiNoise(1.0, 0.05, 10), dsm);
        report("ssm", 2, m -> m, new SlicedScoreMatching(SlicedScoreMatching.Projection.GAUSSIAN, 1, false), dsm);
        report("ssm-vr", 2, m -> m, new SlicedScoreMatching(SlicedScoreMatching.Projection.GAUSSIAN, 1, true), dsm);
        report("exact-sm", 2, m -> m, new ExactScoreMatching(), dsm);
        report("nce", 2, m -> m, provided(new NceProvider(), "noise { type = gaussian }"), dsm);
        report("nce-flow", 2, m -> m, provided(new NceProvider(), "noise { type = flow-noise, fit.steps = 0 }"), dsm);
        report("fce", 2, m -> m, provided(new FceProvider(), "noise { type = flow-noise, fit.steps = 0 }"), dsm);
    }

    /** An objective built by its provider as an experiment builds it, nested noise by name from the noise and flow plugins. */
    static Objective provided(ObjectiveProvider provider, String settings) {
        return provided(provider, settings, 2);
    }

    static Objective provided(ObjectiveProvider provider, String settings, int d) {
        Map<ComponentProvider<?>, ComponentKind> noises = Map.of(new GaussianNoiseProvider(), ComponentKind.NOISE,
                new FlowNoiseProvider(), ComponentKind.NOISE, new org.ebm4j.plugins.noise.UniformNoiseProvider(), ComponentKind.NOISE,
                new org.ebm4j.plugins.mcmc.UlaProvider(), ComponentKind.SAMPLER);
        Objective objective = new Standalone(provider, ComponentKind.OBJECTIVE, noises)
                .build(Objective.class, ConfigFactory.parseString(settings), d, 3);
        try (RandomSource random = RandomSource.seeded(4)) {
            INDArray data = random.normal(DataType.FLOAT, 2000, d).array();
            objective.prepare(new Dataset("benchmark", data, data), random);
        }
        return objective;
    }

    private static void dimensions() {
        System.out.printf(Locale.ROOT, "%n## cost against the dimension d, MLP d-128-128-1 SiLU, batch 256, float32, Adam%n");
        System.out.printf(Locale.ROOT, "%-14s %10s %10s %12s%n", "objective", "ms/step", "× dsm", "ops/step");
        for (int d : new int[] {2, 8, 32, 64}) {
            double dsm = report("dsm d=" + d, d, m -> m, new DenoisingScoreMatching(0.1), 0);
            report("ssm d=" + d, d, m -> m, new SlicedScoreMatching(SlicedScoreMatching.Projection.GAUSSIAN, 1, false), dsm);
            report("exact-sm d=" + d, d, m -> m, new ExactScoreMatching(), dsm);
        }
    }

    /**
     * Sampling throughput as the PyTorch reference measures it ({@code langevin_chain_steps_per_s}): 10,000 chains of
     * the 2-D MLP energy, 100 ULA steps, the ula sampler of the mcmc plugin.
     */
    private static void langevin() {
        System.out.printf(Locale.ROOT, "%n## Langevin throughput: 10,000 chains x 100 ULA steps, MLP 2-128-128-1, float32%n");
        System.out.printf(Locale.ROOT, "chain-steps/s: median %.0f over 5 runs%n", langevinChainStepsPerSecond());
    }

    /** Times the objective's training step and prints a row; returns ms/step. */
    private static double report(String name, int d, Function<EnergyModel, EnergyModel> wrap, Objective objective, double dsmMs) {
        int[] ops = new int[1];
        double median = msPerStep(d, List.of(128, 128), 256, wrap, objective, Math.max(20, (int) (400 / Math.max(1.0, d / 4.0))), ops);
        System.out.printf(Locale.ROOT, "%-14s %10.3f %10s %12d%n", name, median,
                dsmMs > 0 ? String.format(Locale.ROOT, "%.2f", median / dsmMs) : "1.00", ops[0]);
        return median;
    }

    /**
     * The median ms of one training step (losses, gradients, one Adam step for every group) over {@value #ROUNDS}
     * rounds of {@code perRound} steps after 100 warm-up steps; {@code ops[0]} gets the arrays one step allocates.
     */
    static double msPerStep(int d, List<Integer> hidden, int batchSize, Function<EnergyModel, EnergyModel> wrap, Objective objective,
                            int perRound, int[] ops) {
        EnergyModel model = wrap.apply(new MlpEnergy(d, hidden, Tensor::silu, Init.UNIFORM_FAN_IN, RandomSource.seeded(0)));
        return msPerStep(model, batchSize, objective, perRound, 100, ops);
    }

    /** {@link #msPerStep(int, List, int, Function, Objective, int, int[])} of any model, after {@code warmup} steps. */
    static double msPerStep(EnergyModel model, int batchSize, Objective objective, int perRound, int warmup, int[] ops) {
        int d = model.dimension();
        List<Parameters> groups = new java.util.ArrayList<>(List.of(model.parameters()));
        objective.parameterGroups().values().stream().filter(p -> !p.isEmpty()).forEach(groups::add); // NCE's c, FCE's flow
        Optimizer adam = new Optimizer(OptimizerSpec.adam(1e-3), groups);
        RandomSource rng = RandomSource.seeded(1);
        Batch batch = new Batch(rng.normal(DataType.FLOAT, batchSize, d));
        Runnable step = () -> {
            try (TensorScope scope = TensorScope.open()) {
                Tensor loss = objective.losses(model, batch, new StepContext(0, 1, rng)).losses().get(0).value();
                adam.step(Autograd.grad(loss, adam.tensors(), false));
                ops[0] = scope.ownedCount();
            }
        };
        for (int i = 0; i < warmup; i++) {
            step.run();
        }
        double[] ms = new double[ROUNDS];
        for (int k = 0; k < ROUNDS; k++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                step.run();
            }
            ms[k] = (System.nanoTime() - t0) / 1e6 / perRound;
        }
        Arrays.sort(ms);
        return ms[ROUNDS / 2];
    }

    /** Median chain-steps/s of 10,000 chains × 100 ULA steps of the 2-D MLP energy (5 runs after a warm-up). */
    static double langevinChainStepsPerSecond() {
        EnergyModel model = new MlpEnergy(2, List.of(128, 128), Tensor::silu, Init.UNIFORM_FAN_IN, RandomSource.seeded(0));
        RandomSource rng = RandomSource.seeded(2);
        Tensor init = rng.uniform(-5, 5, DataType.FLOAT, 10_000, 2);
        UnadjustedLangevin ula = new UnadjustedLangevin(100, 0.005);
        ula.sample(model, init, new SamplerContext(rng)); // warm-up
        double[] rates = new double[5];
        for (int k = 0; k < rates.length; k++) {
            long t0 = System.nanoTime();
            ula.sample(model, init, new SamplerContext(rng));
            rates[k] = 10_000 * 100 / ((System.nanoTime() - t0) / 1e9);
        }
        Arrays.sort(rates);
        return rates[2];
    }
}
