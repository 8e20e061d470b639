package org.ebm4j.plugins.noise;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.testkit.NoiseDistributionContract;

/** MixtureNoiseProvider passes the testkit's NoiseDistributionContract. */
class MixtureNoiseContractTest extends NoiseDistributionContract {

    @Override
    protected ComponentProvider<NoiseDistribution> provider() {
        return new MixtureNoiseProvider();
    }

    @Override
    protected String testSettings() {
        return "components = 2";
    }
}
