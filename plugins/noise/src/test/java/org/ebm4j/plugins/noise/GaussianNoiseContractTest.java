package org.ebm4j.plugins.noise;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.testkit.NoiseDistributionContract;

/** GaussianNoiseProvider passes the testkit's NoiseDistributionContract. */
class GaussianNoiseContractTest extends NoiseDistributionContract {

    @Override
    protected ComponentProvider<NoiseDistribution> provider() {
        return new GaussianNoiseProvider();
    }
}
