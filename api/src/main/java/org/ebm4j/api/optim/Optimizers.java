package org.ebm4j.api.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.AdaDelta;
import org.nd4j.linalg.learning.config.AdaGrad;
import org.nd4j.linalg.learning.config.AdaMax;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nadam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.FixedSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.RampSchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.SigmoidSchedule;
import org.nd4j.linalg.schedule.StepSchedule;

/**
 * ND4J's updaters and schedules by name. The arithmetic (Adam's moments, Nesterov's look-ahead, ...) is ND4J's;
 * this class only maps names and options onto its configuration classes, with errors that list what exists.
 * (ND4J 1.0.0-M2.1's AdaBelief fails to instantiate on a flat state view, so it is not offered.)
 */
public final class Optimizers {

    private record Kind(Supplier<IUpdater> create, Map<String, BiConsumer<IUpdater, Double>> options, boolean hasRate) {}

    private static final Map<String, Kind> KINDS = new LinkedHashMap<>();

    static {
        KINDS.put("sgd", new Kind(Sgd::new, Map.of(), true));
        KINDS.put("adam", new Kind(Adam::new, Map.of(
                "beta1", (u, v) -> ((Adam) u).setBeta1(v),
                "beta2", (u, v) -> ((Adam) u).setBeta2(v),
                "epsilon", (u, v) -> ((Adam) u).setEpsilon(v)), true));
        KINDS.put("adamax", new Kind(AdaMax::new, Map.of(
                "beta1", (u, v) -> ((AdaMax) u).setBeta1(v),
                "beta2", (u, v) -> ((AdaMax) u).setBeta2(v),
                "epsilon", (u, v) -> ((AdaMax) u).setEpsilon(v)), true));
        KINDS.put("amsgrad", new Kind(AMSGrad::new, Map.of(
                "beta1", (u, v) -> ((AMSGrad) u).setBeta1(v),
                "beta2", (u, v) -> ((AMSGrad) u).setBeta2(v),
                "epsilon", (u, v) -> ((AMSGrad) u).setEpsilon(v)), true));
        KINDS.put("nadam", new Kind(Nadam::new, Map.of(
                "beta1", (u, v) -> ((Nadam) u).setBeta1(v),
                "beta2", (u, v) -> ((Nadam) u).setBeta2(v),
                "epsilon", (u, v) -> ((Nadam) u).setEpsilon(v)), true));
        KINDS.put("nesterovs", new Kind(Nesterovs::new, Map.of(
                "momentum", (u, v) -> ((Nesterovs) u).setMomentum(v)), true));
        KINDS.put("rmsprop", new Kind(RmsProp::new, Map.of(
                "decay", (u, v) -> ((RmsProp) u).setRmsDecay(v),
                "epsilon", (u, v) -> ((RmsProp) u).setEpsilon(v)), true));
        KINDS.put("adagrad", new Kind(AdaGrad::new, Map.of(
                "epsilon", (u, v) -> ((AdaGrad) u).setEpsilon(v)), true));
        KINDS.put("adadelta", new Kind(AdaDelta::new, Map.of(
                "rho", (u, v) -> ((AdaDelta) u).setRho(v),
                "epsilon", (u, v) -> ((AdaDelta) u).setEpsilon(v)), false));
    }

    private static final Map<String, List<String>> SCHEDULE_OPTIONS = Map.of(
            "fixed", List.of(),
            "exponential", List.of("gamma"),
            "step", List.of("decay", "every"),
            "inverse", List.of("gamma", "power"),
            "poly", List.of("power", "steps"),
            "sigmoid", List.of("gamma", "every"));

    private Optimizers() {}

    /** The optimiser names, e.g. {@code adam}, {@code sgd}, {@code nesterovs}. */
    public static Set<String> names() {
        return KINDS.keySet();
    }

    /** The options {@code name} accepts. */
    public static Set<String> options(String name) {
        return new TreeSet<>(kind(name).options().keySet());
    }

    /** The schedule names. */
    public static Set<String> scheduleNames() {
        return new TreeSet<>(SCHEDULE_OPTIONS.keySet());
    }

    /** The options schedule {@code name} needs (besides {@code warmup}, which every schedule takes). */
    public static List<String> scheduleOptions(String name) {
        List<String> options = SCHEDULE_OPTIONS.get(name);
        if (options == null) {
            throw new IllegalArgumentException("Unknown schedule '" + name + "'; known: " + scheduleNames());
        }
        return options;
    }

    /** The ND4J updater configuration for {@code spec}. */
    public static IUpdater updater(OptimizerSpec spec) {
        Kind kind = kind(spec.name());
        IUpdater updater = kind.create().get();
        for (Map.Entry<String, Double> option : spec.options().entrySet()) {
            BiConsumer<IUpdater, Double> setter = kind.options().get(option.getKey());
            if (setter == null) {
                throw new IllegalArgumentException("Optimizer '" + spec.name() + "' has no option '" + option.getKey()
                        + "'; its options: " + options(spec.name()));
            }
            setter.accept(updater, option.getValue());
        }
        if (kind.hasRate()) {
            updater.setLrAndSchedule(spec.learningRate(), schedule(spec.schedule(), spec.learningRate()));
        }
        return updater;
    }

    /** The ND4J schedule for {@code spec} starting at {@code rate}, counted in iterations. */
    public static ISchedule schedule(ScheduleSpec spec, double rate) {
        List<String> allowed = SCHEDULE_OPTIONS.get(spec.name());
        if (allowed == null) {
            throw new IllegalArgumentException("Unknown schedule '" + spec.name() + "'; known: " + scheduleNames());
        }
        for (String key : spec.options().keySet()) {
            if (!allowed.contains(key) && !key.equals("warmup")) {
                throw new IllegalArgumentException("Schedule '" + spec.name() + "' has no option '" + key
                        + "'; its options: " + allowed + " and warmup");
            }
        }
        ScheduleType it = ScheduleType.ITERATION;
        ISchedule base = switch (spec.name()) {
            case "fixed" -> new FixedSchedule(rate);
            case "exponential" -> new ExponentialSchedule(it, rate, need(spec, "gamma"));
            case "step" -> new StepSchedule(it, rate, need(spec, "decay"), need(spec, "every"));
            case "inverse" -> new InverseSchedule(it, rate, need(spec, "gamma"), need(spec, "power"));
            case "poly" -> new PolySchedule(it, rate, need(spec, "power"), (int) need(spec, "steps"));
            case "sigmoid" -> new SigmoidSchedule(it, rate, need(spec, "gamma"), (int) need(spec, "every"));
            default -> throw new IllegalStateException(spec.name());
        };
        Double warmup = spec.options().get("warmup");
        return warmup == null || warmup <= 0 ? base : new RampSchedule(base, warmup.intValue());
    }

    private static double need(ScheduleSpec spec, String key) {
        Double v = spec.options().get(key);
        if (v == null) {
            throw new IllegalArgumentException("Schedule '" + spec.name() + "' needs option '" + key + "'");
        }
        return v;
    }

    private static Kind kind(String name) {
        Kind kind = KINDS.get(name);
        if (kind == null) {
            throw new IllegalArgumentException("Unknown optimizer '" + name + "'; known: " + names());
        }
        return kind;
    }
}
