package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.testkit.SamplerContract;

/** MalaProvider passes the testkit's SamplerContract. */
class MalaContractTest extends SamplerContract {

    @Override
    protected ComponentProvider<Sampler> provider() {
        return new MalaProvider();
    }

    @Override
    protected String testSettings() {
        return "steps = 300";
    }
}
