package org.ebm4j.api.objective;

import java.util.List;
import java.util.Map;

/** The losses of one step and named metrics to log beside them (plain numbers, read before the step ends). */
public record Losses(List<Loss> losses, Map<String, Double> metrics) {

    public Losses {
        losses = List.copyOf(losses);
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics)); // in the order given: logs and tables stay stable
    }

    /** One loss, no extra metrics. */
    public static Losses of(Loss loss) {
        return new Losses(List.of(loss), Map.of());
    }
}
