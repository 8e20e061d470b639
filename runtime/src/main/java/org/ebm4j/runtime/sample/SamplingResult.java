package org.ebm4j.runtime.sample;

import java.nio.file.Path;
import java.util.Map;

/** Where the samples went, how many chains ran, what {@code diagnostics.json} says, and how many chains ended NaN/Inf. */
public record SamplingResult(Path folder, int chains, Map<String, Object> report, int nonFiniteChains) {

    public SamplingResult {
        report = Map.copyOf(report);
    }
}
