package org.ebm4j.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Swish;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Speed and memory of the numerical core. Not a unit test: run it with {@code benchmarks/run core [ops|dsm|memory]}.
 *
 * <ul>
 *   <li>{@code ops}: microseconds per operation for raw ND4J calls, Tensor without a graph, and Tensor recording a
 *       graph, at shapes 256×2 and 256×128 (median of rounds after warm-up; on every side a batch of 50 results is
 *       kept alive and then freed, as in a training step).</li>
 *   <li>{@code dsm}: milliseconds per DSM training step, MLP 2→128→128→1, SiLU, batch 256, float32, Adam.</li>
 *   <li>{@code memory [steps]}: resident memory every 10% of a long DSM loop (default 100,000 steps).</li>
 * </ul>
 */
public final class CoreBenchmark {

    private static final int ROUNDS = 7;

    private CoreBenchmark() {}

    public static void main(String[] args) throws IOException {
        String what = args.length > 0 ? args[0] : "all";
        System.out.printf(Locale.ROOT, "# ebm4j core benchmark: ND4J %s, OMP_NUM_THREADS=%s, OPENBLAS_CORETYPE=%s, Java %s%n",
                "1.0.0-M2.1", System.getenv("OMP_NUM_THREADS"), System.getenv("OPENBLAS_CORETYPE"), Runtime.version());
        switch (what) {
            case "ops" -> ops();
            case "dsm" -> dsm();
            case "memory" -> memory(args.length > 1 ? Integer.parseInt(args[1]) : 100_000);
            case "all" -> {
                ops();
                dsm();
            }
            default -> {
                System.err.println("usage: CoreBenchmark [ops|dsm|memory [steps]|all]");
                System.exit(2);
            }
        }
    }

    // ---------------------------------------------------------------- per-op cost

    private static void ops() {
        for (long cols : new long[] {2, 128}) {
            RandomSource rng = RandomSource.seeded(1);
            INDArray a = rng.normal(DataType.FLOAT, 256, cols).array().dup();
            INDArray b = rng.normal(DataType.FLOAT, 256, cols).array().dup();
            INDArray bias = rng.normal(DataType.FLOAT, 1, cols).array().dup();
            INDArray w = rng.normal(DataType.FLOAT, cols, cols).array().dup();
            System.out.printf(Locale.ROOT, "%n## per-op cost, shape 256x%d (µs/op, median of %d rounds)%n", cols, ROUNDS);
            System.out.printf(Locale.ROOT, "%-14s %10s %12s %14s%n", "op", "raw ND4J", "Tensor", "Tensor+graph");
            row("add", () -> a.add(b), (x, y) -> x.add(y), a, b);
            row("add row bias", () -> a.addRowVector(bias), (x, y) -> x.add(y), a, bias);
            row("mul", () -> a.mul(b), (x, y) -> x.mul(y), a, b);
            row("mul scalar", () -> a.mul(0.5), (x, y) -> x.mul(0.5), a, b);
            row("exp", () -> Transforms.exp(a, true), (x, y) -> x.exp(), a, b);
            row("tanh", () -> Transforms.tanh(a, true), (x, y) -> x.tanh(), a, b);
            row("silu", () -> {
                INDArray out = a.ulike();
                Nd4j.exec(new Swish(a, out));
                return out;
            }, (x, y) -> x.silu(), a, b);
            row("softplus", () -> Transforms.softPlus(a, true), (x, y) -> x.softplus(), a, b);
            row("sum(axis 1)", () -> a.sum(1), (x, y) -> x.sum(1), a, b);
            row("matmul kxk", () -> a.mmul(w), (x, y) -> x.matmul(y), a, w);
        }
    }

    private interface BinaryTensorOp {
        Tensor apply(Tensor x, Tensor y);
    }

    private static void row(String name, Supplier<INDArray> raw, BinaryTensorOp op, INDArray a, INDArray b) {
        // Both sides keep a batch of results alive and then free it, as a training step does.
        INDArray[] held = new INDArray[OPS_PER_BATCH];
        double rawUs = time(() -> {
            for (int i = 0; i < OPS_PER_BATCH; i++) {
                held[i] = raw.get();
            }
            for (INDArray r : held) {
                r.close();
            }
        });
        Tensor ca = Tensor.constant(a);
        Tensor cb = Tensor.constant(b);
        double constUs = time(() -> {
            try (TensorScope ignored = TensorScope.open()) {
                for (int i = 0; i < OPS_PER_BATCH; i++) {
                    op.apply(ca, cb);
                }
            }
        });
        Tensor va = Tensor.variable(a);
        Tensor vb = Tensor.variable(b);
        double gradUs = time(() -> {
            try (TensorScope ignored = TensorScope.open()) {
                for (int i = 0; i < OPS_PER_BATCH; i++) {
                    op.apply(va, vb);
                }
            }
        });
        System.out.printf(Locale.ROOT, "%-14s %10.1f %12.1f %14.1f%n", name, rawUs, constUs, gradUs);
    }

    private static final int BATCHES_PER_ROUND = 20;
    private static final int OPS_PER_BATCH = 50;

    /** Median over rounds of the time per operation, after one round of warm-up. */
    private static double time(Runnable batch) {
        for (int i = 0; i < 2 * BATCHES_PER_ROUND; i++) {
            batch.run();
        }
        double[] rounds = new double[ROUNDS];
        for (int k = 0; k < ROUNDS; k++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < BATCHES_PER_ROUND; i++) {
                batch.run();
            }
            rounds[k] = (System.nanoTime() - t0) / 1e3 / (BATCHES_PER_ROUND * OPS_PER_BATCH);
        }
        return median(rounds);
    }

    // ---------------------------------------------------------------- DSM step

    private static void dsm() {
        DsmStep step = new DsmStep(256, 0);
        for (int i = 0; i < 300; i++) {
            step.step();
        }
        int perRound = 200;
        double[] ms = new double[ROUNDS];
        double loss = 0;
        for (int k = 0; k < ROUNDS; k++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                loss = step.step();
            }
            ms[k] = (System.nanoTime() - t0) / 1e6 / perRound;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "%n## DSM step, MLP 2-128-128-1 SiLU, batch 256, float32, Adam%n");
        System.out.printf(Locale.ROOT, "ms/step: median %.3f (min %.3f, max %.3f over %d rounds of %d steps); loss %.4f%n",
                median(ms), ms[0], ms[ms.length - 1], ROUNDS, perRound, loss);
    }

    // ---------------------------------------------------------------- memory

    private static void memory(int steps) throws IOException {
        DsmStep step = new DsmStep(256, 0);
        System.out.printf(Locale.ROOT, "%n## resident memory over %d DSM steps%n", steps);
        System.out.printf(Locale.ROOT, "%10s %10s %12s %12s%n", "step", "RSS MiB", "heap MiB", "steps/s");
        long t0 = System.nanoTime();
        long last = t0;
        int every = Math.max(1, steps / 10);
        for (int i = 1; i <= steps; i++) {
            step.step();
            if (i % every == 0 || i == 1000) {
                long now = System.nanoTime();
                Runtime rt = Runtime.getRuntime();
                double heap = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
                int since = i == 1000 ? 1000 : every;
                System.out.printf(Locale.ROOT, "%10d %10.1f %12.1f %12.1f%n", i, rssMiB(), heap, since / ((now - last) / 1e9));
                last = now;
            }
        }
        System.out.printf(Locale.ROOT, "total %.1f s%n", (System.nanoTime() - t0) / 1e9);
    }

    private static double rssMiB() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
