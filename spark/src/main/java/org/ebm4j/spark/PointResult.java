package org.ebm4j.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a task sends back for its point: how it went, where its run folder is in the output, and the run's numbers
 * (the names {@code ebm compare} uses), so the driver can tabulate without reading the output location.
 *
 * @param state    "trained", "finished before, skipped" or "failed (...)"
 * @param run      the run folder in the output location (empty when the point has none)
 * @param metrics  the run's numbers by name (empty when it did not finish)
 */
public record PointResult(SparkPoint point, String state, int exitCode, double seconds, String run, String experiment,
                          List<String> overrides, boolean diverged, Map<String, Double> metrics) implements Serializable {

    public PointResult {
        overrides = List.copyOf(overrides);
        metrics = new LinkedHashMap<>(metrics); // a serialisable copy
    }

    boolean finished() {
        return exitCode == 0 && !metrics.isEmpty();
    }
}
