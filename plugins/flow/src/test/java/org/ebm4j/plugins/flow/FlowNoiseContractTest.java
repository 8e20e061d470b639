package org.ebm4j.plugins.flow;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.testkit.NoiseDistributionContract;

/** FlowNoiseProvider passes the testkit's NoiseDistributionContract. */
class FlowNoiseContractTest extends NoiseDistributionContract {

    @Override
    protected ComponentProvider<NoiseDistribution> provider() {
        return new FlowNoiseProvider();
    }

    @Override
    protected String testSettings() {
        return "layers = 2, hidden = [16], fit { steps = 200, eval-every = 100 }";
    }
}
