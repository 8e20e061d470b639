package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.testkit.SamplerContract;

/** HmcProvider passes the testkit's SamplerContract. */
class HmcContractTest extends SamplerContract {

    @Override
    protected ComponentProvider<Sampler> provider() {
        return new HmcProvider();
    }
}
