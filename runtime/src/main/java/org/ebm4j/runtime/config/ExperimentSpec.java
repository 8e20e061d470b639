package org.ebm4j.runtime.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A validated experiment: every name resolved to a provider, every runtime setting read, and the fully
 * resolved configuration (what {@code config.conf} in the run folder records). Without an objective it can be
 * checked and sampled but not trained.
 */
public record ExperimentSpec(String name, Path source, long seed, TrainSettings train, ComponentSpec data,
                             ComponentSpec model, Optional<ComponentSpec> objective, Optional<ComponentSpec> sampler,
                             List<ComponentSpec> evaluators, Config resolved) {}
