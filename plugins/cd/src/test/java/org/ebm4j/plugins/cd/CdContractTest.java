package org.ebm4j.plugins.cd;

import java.util.Map;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.testkit.ObjectiveContract;

/** CdProvider passes the testkit's ObjectiveContract. */
class CdContractTest extends ObjectiveContract {
    // Random-walk negatives: accept decisions are locally constant in the parameters, so the finite differences
    // see the loss with the negatives held fixed, as the gradient does (negatives carry no gradient by design).

    @Override
    protected ComponentProvider<Objective> provider() {
        return new CdProvider();
    }

    @Override
    protected String testSettings() {
        return "mode = short-run, sampler { type = rw-metropolis, steps = 5, warmup = 0 }";
    }

    @Override
    protected Map<ComponentProvider<?>, String> nestedProviders() {
        return Map.of(new org.ebm4j.plugins.mcmc.RwMetropolisProvider(), "sampler",
                new org.ebm4j.plugins.mcmc.UlaProvider(), "sampler", new org.ebm4j.plugins.noise.UniformNoiseProvider(), "noise");
    }
}
