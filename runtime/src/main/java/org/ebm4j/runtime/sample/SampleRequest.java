package org.ebm4j.runtime.sample;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What {@code ebm sample} was asked: a source (run folder, checkpoint or experiment file), the sampler by name
 * (default: the experiment's own {@code sampler}), chains, steps, setting overrides, where chains start
 * (a noise distribution by name, {@code uniform} by default, or a {@code .npy} file), a seed and an output folder; or, with
 * {@code noise}, draws straight from the objective's noise distribution (NCE's noise, FCE's flow); with
 * {@code traceEvery}, chain traces every so many steps and their convergence diagnostics.
 */
public record SampleRequest(Path source, Optional<String> sampler, OptionalInt chains, OptionalInt steps,
                            List<String> overrides, String init, double initMargin, boolean initMarginGiven,
                            OptionalLong seed, Optional<Path> out, boolean noise, OptionalInt traceEvery) {

    public static final int DEFAULT_CHAINS = 1000;
    /** Chains whose traces are kept for the convergence diagnostics (the first ones; all chains are sampled). */
    public static final int TRACED_CHAINS = 1000;

    public SampleRequest {
        overrides = List.copyOf(overrides);
    }
}
