package org.ebm4j.api.sampler;

import java.util.Map;
import org.ebm4j.api.tensor.Tensor;

/**
 * Final chain states {@code [chains, d]} (a constant) and what users tune by: e.g. {@code acceptance-rate},
 * {@code mean-energy}, {@code grad-norm}.
 */
public record SampleResult(Tensor samples, Map<String, Double> diagnostics) {

    public SampleResult {
        diagnostics = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(diagnostics)); // in the order given: logs and tables stay stable
    }
}
