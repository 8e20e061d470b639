package org.ebm4j.api.sampler;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.tensor.Tensor;

/**
 * Draws from {@code p(x) ∝ exp(-E(x))} with many chains at once: one row of {@code init} per chain. No gradient
 * flows into the model's parameters.
 */
public interface Sampler {

    /** Runs the chains from {@code init: [chains, d]} and returns their final states with diagnostics. */
    SampleResult sample(EnergyModel model, Tensor init, SamplerContext context);

    /**
     * Checks, before anything runs, that this sampler can sample {@code model} (e.g. annealed Langevin needs a
     * noise-conditional energy); throws {@link org.ebm4j.api.ConfigException} with keys relative to the sampler.
     * Does nothing by default.
     */
    default void check(EnergyModel model) {}
}
