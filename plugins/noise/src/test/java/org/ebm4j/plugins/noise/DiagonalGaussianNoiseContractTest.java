package org.ebm4j.plugins.noise;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.testkit.NoiseDistributionContract;

/** DiagonalGaussianNoiseProvider passes the testkit's NoiseDistributionContract. */
class DiagonalGaussianNoiseContractTest extends NoiseDistributionContract {

    @Override
    protected ComponentProvider<NoiseDistribution> provider() {
        return new DiagonalGaussianNoiseProvider();
    }
}
