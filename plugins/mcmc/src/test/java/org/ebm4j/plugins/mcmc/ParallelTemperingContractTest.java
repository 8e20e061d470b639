package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.testkit.SamplerContract;

/** ParallelTemperingProvider passes the testkit's SamplerContract. */
class ParallelTemperingContractTest extends SamplerContract {
    // MALA moves and swaps are both exact Metropolis steps: the cold replica's moments are the target's.

    @Override
    protected ComponentProvider<Sampler> provider() {
        return new ParallelTemperingProvider();
    }

    @Override
    protected String testSettings() {
        return "steps = 400, replicas = 3, max-temperature = 4, step-size = 0.3, warmup = 100";
    }
}
