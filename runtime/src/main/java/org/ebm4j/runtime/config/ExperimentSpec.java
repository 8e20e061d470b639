package org.ebm4j.runtime.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated experiment: every component resolved to a provider with its complete settings (top-level, in lists
 * and nested, by path), every runtime setting read, and the fully resolved configuration (what {@code config.conf}
 * in the run folder records). Without an objective it can be checked and sampled but not trained.
 */
public record ExperimentSpec(String name, Path source, long seed, TrainSettings train, Map<String, ComponentSpec> components,
                             Config resolved) {

    public ExperimentSpec {
        components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
    }

    public ComponentSpec data() {
        return components.get("data");
    }

    public ComponentSpec model() {
        return components.get("model");
    }

    public Optional<ComponentSpec> objective() {
        return Optional.ofNullable(components.get("objective"));
    }

    public Optional<ComponentSpec> sampler() {
        return Optional.ofNullable(components.get("sampler"));
    }

    public List<ComponentSpec> evaluators() {
        return list("evaluators");
    }

    public List<ComponentSpec> listeners() {
        return list("listeners");
    }

    /** The component at {@code path} ({@code objective.sampler}, {@code evaluators[0]}), if there is one. */
    public Optional<ComponentSpec> component(String path) {
        return Optional.ofNullable(components.get(path));
    }

    private List<ComponentSpec> list(String section) {
        return components.values().stream().filter(c -> c.path().matches(java.util.regex.Pattern.quote(section) + "\\[\\d+]"))
                .sorted(java.util.Comparator.comparingInt(c -> Integer.parseInt(c.path().substring(section.length() + 1, c.path().length() - 1))))
                .toList();
    }
}
