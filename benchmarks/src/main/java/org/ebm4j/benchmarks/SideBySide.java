package org.ebm4j.benchmarks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.ebm4j.api.model.NoiseConditionalEnergy;
import org.ebm4j.plugins.cd.CdProvider;
import org.ebm4j.plugins.dsm.DenoisingScoreMatching;
import org.ebm4j.plugins.exactsm.ExactScoreMatching;
import org.ebm4j.plugins.nce.FceProvider;
import org.ebm4j.plugins.nce.NceProvider;
import org.ebm4j.plugins.ssm.SlicedScoreMatching;

/**
 * ebm4j's half of {@code benchmarks/side-by-side}: each workload of {@code benchmarks/torch/workloads.py}, the same
 * network, batch, loss, optimiser (Adam, lr 1e-3) and timing (100 warm-up steps, median of 7 rounds), one line per
 * workload: {@code name<TAB>value<TAB>unit}. Arguments: the workloads to run (default all).
 */
public final class SideBySide {

    private SideBySide() {}

    /** Each workload, by the name both halves use. */
    static Map<String, Supplier<String>> workloads() {
        Map<String, Supplier<String>> w = new LinkedHashMap<>();
        w.put("dsm", () -> ms(2, 128, 256, new DenoisingScoreMatching(0.1), false, 200));
        w.put("ncsn", () -> ms(2, 128, 256, DenoisingScoreMatching.multiNoise(1.0, 0.05, 10), true, 200));
        w.put("ssm", () -> ms(2, 128, 256, new SlicedScoreMatching(SlicedScoreMatching.Projection.GAUSSIAN, 1, false), false, 200));
        w.put("ssm-vr", () -> ms(2, 128, 256, new SlicedScoreMatching(SlicedScoreMatching.Projection.GAUSSIAN, 1, true), false, 200));
        w.put("exact-sm", () -> ms(2, 128, 256, new ExactScoreMatching(), false, 200));
        w.put("nce", () -> ms(2, 128, 256, ObjectiveBenchmark.provided(new NceProvider(), "noise { type = gaussian }"), false, 200));
        w.put("nce-flow", () -> ms(2, 128, 256, ObjectiveBenchmark.provided(new NceProvider(),
                "noise { type = flow-noise, fit.steps = 0 }"), false, 100));
        w.put("fce", () -> ms(2, 128, 256, ObjectiveBenchmark.provided(new FceProvider(),
                "noise { type = flow-noise, fit.steps = 0 }"), false, 100));
        w.put("pcd", () -> ms(2, 128, 256, ObjectiveBenchmark.provided(new CdProvider(), ""), false, 50));
        w.put("langevin", () -> String.format(Locale.ROOT, "%.0f\tchain-steps/s", ObjectiveBenchmark.langevinChainStepsPerSecond()));
        w.put("dsm-64", () -> ms(64, 512, 128, new DenoisingScoreMatching(0.1), false, 50));
        w.put("ssm-64", () -> ms(64, 512, 128, new SlicedScoreMatching(SlicedScoreMatching.Projection.GAUSSIAN, 1, false), false, 30));
        w.put("conv-dsm", () -> String.format(Locale.ROOT, "%.4f\tms/step",
                ObjectiveBenchmark.msPerStep(ImageBenchmark.convNet(false), 64, new DenoisingScoreMatching(0.1), 10, 10, new int[1])));
        w.put("conv-annealed-langevin", () -> String.format(Locale.ROOT, "%.1f\timage-steps/s", ImageBenchmark.annealedLangevinImageStepsPerSecond()));
        return w;
    }

    private static String ms(int d, int width, int batch, org.ebm4j.api.objective.Objective objective, boolean scaled, int perRound) {
        double ms = ObjectiveBenchmark.msPerStep(d, List.of(width, width), batch,
                m -> scaled ? NoiseConditionalEnergy.scaled(m, 0.05) : m, objective, perRound, new int[1]);
        return String.format(Locale.ROOT, "%.4f\tms/step", ms);
    }

    public static void main(String[] args) {
        Map<String, Supplier<String>> all = workloads();
        List<String> names = args.length == 0 ? List.copyOf(all.keySet()) : List.of(args);
        for (String name : names) {
            Supplier<String> w = all.get(name);
            if (w == null) {
                System.err.println("unknown workload " + name + "; workloads: " + all.keySet());
                System.exit(2);
            }
            System.out.println(name + "\t" + w.get());
            System.out.flush();
        }
    }
}
