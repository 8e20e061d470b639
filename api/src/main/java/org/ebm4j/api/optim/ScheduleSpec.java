package org.ebm4j.api.optim;

import java.util.Map;

/**
 * A learning-rate schedule by name with its options, built into an ND4J {@code ISchedule} over iterations.
 * Names: {@code fixed}, {@code exponential} (gamma), {@code step} (decay, every), {@code inverse} (gamma, power),
 * {@code poly} (power, steps), {@code sigmoid} (gamma, every). Any schedule takes {@code warmup} (steps of a linear
 * ramp from zero).
 */
public record ScheduleSpec(String name, Map<String, Double> options) {

    public ScheduleSpec {
        options = Map.copyOf(options);
    }

    /** The constant learning rate. */
    public static ScheduleSpec fixed() {
        return new ScheduleSpec("fixed", Map.of());
    }
}
