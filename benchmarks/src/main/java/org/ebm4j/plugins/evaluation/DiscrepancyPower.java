package org.ebm4j.plugins.evaluation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.plugins.analytic.GaussianEnergy;
import org.ebm4j.plugins.noise.GaussianNoiseProvider;
import org.ebm4j.runtime.experiment.Standalone;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Size and power of the MMD and KSD tests (known answer of the evaluation plugin, too slow for the unit tests): the
 * model N(0, I) in d = 10, data of n = 2000 exact draws of N(0, I) (the null) and of N(0.1·1, I) (a 0.1σ shift);
 * MMD's model samples are exact draws of N(0, I). Prints how often each test rejects at 5 % over repeated data, and the
 * seconds per evaluation. Run with {@code benchmarks/run power [repetitions]}. It sits in the plugin's package to build
 * the evaluators around an exact sampler.
 */
public final class DiscrepancyPower {

    private DiscrepancyPower() {}

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int d = 10;
        int n = 2000;
        double shift = 0.1;
        GaussianEnergy model = new GaussianEnergy(Nd4j.zeros(DataType.DOUBLE, 1, d), Nd4j.eye(d).castTo(DataType.DOUBLE), false, false, DataType.DOUBLE);
        NoiseDistribution init = new Standalone(new GaussianNoiseProvider(), org.ebm4j.api.component.ComponentKind.NOISE, Map.of())
                .build(NoiseDistribution.class, com.typesafe.config.ConfigFactory.empty(), d, 1);
        int[] rejections = new int[4]; // MMD null, MMD shift, KSD null, KSD shift
        double mmdSeconds = 0;
        double ksdSeconds = 0;
        for (int r = 0; r < reps; r++) {
            for (int alt = 0; alt < 2; alt++) {
                double s = alt * shift;
                Dataset data;
                try (RandomSource random = RandomSource.seeded(100 + r)) {
                    data = new Dataset("gaussian", random.normal(DataType.DOUBLE, n, d).array().addi(s).dup(),
                            random.normal(DataType.DOUBLE, n, d).array().addi(s).dup());
                }
                Mmd mmd = new Mmd(new Mmd.Settings(n, List.of("median"), 200),
                        (m, x, c) -> new SampleResult(c.random().normal(DataType.DOUBLE, x.rows(), d), Map.of()), init);
                Ksd ksd = new Ksd(new Ksd.Settings(n, 1.0, -0.5, 500));
                try (GradMode.Scope off = GradMode.off(); RandomSource random = RandomSource.seeded(500 + r)) {
                    EvaluationContext ctx = new EvaluationContext(model, data, 0, true, java.nio.file.Path.of("."), Optional.empty(), random);
                    var m = mmd.evaluate(ctx).metrics();
                    var k = ksd.evaluate(ctx).metrics();
                    mmdSeconds += m.get("seconds");
                    ksdSeconds += k.get("seconds");
                    rejections[alt] += m.get("p-value/h=median") < 0.05 ? 1 : 0;
                    rejections[2 + alt] += k.get("p-value") < 0.05 ? 1 : 0;
                }
            }
        }
        System.out.printf(Locale.ROOT, "d=%d n=%d, %d repetitions, tests at 5 %%:%n", d, n, reps);
        System.out.printf(Locale.ROOT, "| test | rejects the null (size) | rejects a %.1fσ shift (power) | seconds per evaluation |%n", shift);
        System.out.printf(Locale.ROOT, "| MMD², median bandwidth, 200 permutations | %d/%d | %d/%d | %.2f |%n", rejections[0], reps, rejections[1], reps, mmdSeconds / (2 * reps));
        System.out.printf(Locale.ROOT, "| KSD², IMQ, 500 wild bootstraps | %d/%d | %d/%d | %.2f |%n", rejections[2], reps, rejections[3], reps, ksdSeconds / (2 * reps));
    }
}
