package org.ebm4j.api.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Named numbers (e.g. {@code test-nll}, each estimate next to its {@code -se} standard error), the files an
 * evaluation wrote, and warnings about its numbers for the user (e.g. "the model is not normalisable within the box:
 * this NLL is unreliable"), which the runtime prints and keeps in {@code summary.json}.
 */
public record Evaluation(Map<String, Double> metrics, List<Path> files, List<String> warnings) {

    public Evaluation {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics)); // in the order given: logs and tables stay stable
        files = List.copyOf(files);
        warnings = List.copyOf(warnings);
    }

    /** An evaluation without warnings. */
    public Evaluation(Map<String, Double> metrics, List<Path> files) {
        this(metrics, files, List.of());
    }
}
