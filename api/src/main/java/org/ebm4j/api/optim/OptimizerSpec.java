package org.ebm4j.api.optim;

import java.util.Map;
import java.util.Objects;

/**
 * What to build an {@link Optimizer} from: an ND4J updater by name ({@link Optimizers#names()}), its learning
 * rate, updater options (e.g. {@code beta1}, {@code momentum}), a schedule, decoupled weight decay (AdamW's, applied
 * as {@code θ ← θ (1 - lr·wd)}; 0 for none) and the maximum global gradient norm (0 for no clipping).
 */
public record OptimizerSpec(String name, double learningRate, Map<String, Double> options, ScheduleSpec schedule,
                            double weightDecay, double clipNorm) {

    public OptimizerSpec {
        Objects.requireNonNull(name, "name");
        options = Map.copyOf(options);
        Objects.requireNonNull(schedule, "schedule");
        if (!(learningRate >= 0) || !(weightDecay >= 0) || !(clipNorm >= 0)) {
            throw new IllegalArgumentException("learningRate, weightDecay and clipNorm must be >= 0, got "
                    + learningRate + ", " + weightDecay + ", " + clipNorm);
        }
    }

    /** Adam with ND4J's default betas and epsilon, a fixed rate, no decay, no clipping. */
    public static OptimizerSpec adam(double learningRate) {
        return new OptimizerSpec("adam", learningRate, Map.of(), ScheduleSpec.fixed(), 0.0, 0.0);
    }

    /** Plain gradient descent. */
    public static OptimizerSpec sgd(double learningRate) {
        return new OptimizerSpec("sgd", learningRate, Map.of(), ScheduleSpec.fixed(), 0.0, 0.0);
    }

    public OptimizerSpec withClipNorm(double maxNorm) {
        return new OptimizerSpec(name, learningRate, options, schedule, weightDecay, maxNorm);
    }

    public OptimizerSpec withWeightDecay(double decay) {
        return new OptimizerSpec(name, learningRate, options, schedule, decay, clipNorm);
    }

    public OptimizerSpec withSchedule(ScheduleSpec newSchedule) {
        return new OptimizerSpec(name, learningRate, options, newSchedule, weightDecay, clipNorm);
    }

    public OptimizerSpec withOptions(Map<String, Double> newOptions) {
        return new OptimizerSpec(name, learningRate, newOptions, schedule, weightDecay, clipNorm);
    }
}
