package org.ebm4j.benchmarks;

import java.util.Arrays;
import java.util.List;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.NoiseConditionalEnergy;
import org.ebm4j.api.param.Init;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.plugins.conv.ConvEnergy;
import org.ebm4j.plugins.mcmc.AnnealedLangevin;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The image workloads of {@code benchmarks/side-by-side} (twins in {@code benchmarks/torch/workloads.py}): a conv energy
 * on 1×28×28 images, channels 32-64-64 with strides 1-2-2, 3×3 kernels, SiLU, a sum-pooled linear head.
 */
final class ImageBenchmark {

    static final int SIDE = 28;

    private ImageBenchmark() {}

    /** The benchmark's conv energy; noise-conditional by the s(x)/σ rule when {@code conditional}. */
    static EnergyModel convNet(boolean conditional) {
        ConvEnergy net = new ConvEnergy(new ConvEnergy.ImageShape(1, SIDE, SIDE), 0, List.of(32, 64, 64), List.of(1, 2, 2), 3,
                Tensor::silu, false, Init.UNIFORM_FAN_IN, RandomSource.seeded(0));
        return conditional ? NoiseConditionalEnergy.scaled(net, 0.01) : net;
    }

    /**
     * Annealed Langevin throughput, images × steps per second: 64 chains of 28×28 images, 10 noise levels from 1 to 0.01,
     * 10 steps each (the median of 5 runs after a warm-up).
     */
    static double annealedLangevinImageStepsPerSecond() {
        EnergyModel model = convNet(true);
        RandomSource rng = RandomSource.seeded(2);
        Tensor init = rng.uniform(0, 1, DataType.FLOAT, 64, SIDE * SIDE);
        AnnealedLangevin sampler = new AnnealedLangevin(1.0, 0.01, 10, 10, 2e-5);
        sampler.sample(model, init, new SamplerContext(rng));
        double[] rates = new double[5];
        for (int k = 0; k < rates.length; k++) {
            long t0 = System.nanoTime();
            sampler.sample(model, init, new SamplerContext(rng));
            rates[k] = 64 * 100 / ((System.nanoTime() - t0) / 1e9);
        }
        Arrays.sort(rates);
        return rates[2];
    }
}
