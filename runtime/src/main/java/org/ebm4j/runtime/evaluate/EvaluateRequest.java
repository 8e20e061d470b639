package org.ebm4j.runtime.evaluate;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What {@code ebm evaluate} was asked: a source (run folder, checkpoint or experiment file), the evaluators (none: the
 * experiment's own; else each a name or a HOCON section such as {@code {type = mmd, bandwidths = [0.5]}}), setting
 * overrides, a seed and an output folder.
 */
public record EvaluateRequest(Path source, List<String> evaluators, List<String> overrides, OptionalLong seed, Optional<Path> out) {

    public EvaluateRequest {
        evaluators = List.copyOf(evaluators);
        overrides = List.copyOf(overrides);
    }
}
