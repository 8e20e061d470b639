package org.ebm4j.api.eval;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Named numbers (e.g. {@code test-nll}) and the files an evaluation wrote. */
public record Evaluation(Map<String, Double> metrics, List<Path> files) {

    public Evaluation {
        metrics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metrics)); // in the order given: logs and tables stay stable
        files = List.copyOf(files);
    }
}
