package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.testkit.SamplerContract;

/** AnnealedLangevinProvider passes the testkit's SamplerContract. */
class AnnealedLangevinContractTest extends SamplerContract {

    @Override
    protected ComponentProvider<Sampler> provider() {
        return new AnnealedLangevinProvider();
    }

    @Override
    protected String testSettings() {
        return "sigma-max = 2, sigma-min = 0.5, levels = 5, steps-per-level = 100, step-size = 0.01";
    }
}
