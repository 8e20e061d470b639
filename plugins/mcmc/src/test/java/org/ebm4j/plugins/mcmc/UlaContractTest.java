package org.ebm4j.plugins.mcmc;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.testkit.SamplerContract;

/** UlaProvider passes the testkit's SamplerContract. */
class UlaContractTest extends SamplerContract {
    // ULA's stationary variances exceed the target's by about eps lambda / 4 <= 0.05 * 1.3 / 4 = 1.6 %, well inside the check.

    @Override
    protected ComponentProvider<Sampler> provider() {
        return new UlaProvider();
    }

    @Override
    protected String testSettings() {
        return "steps = 600, step-size = 0.05";
    }
}
