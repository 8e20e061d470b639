package org.ebm4j.plugins.analytic;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.testkit.EnergyModelContract;

/** GaussianProvider passes the testkit's EnergyModelContract. */
class GaussianContractTest extends EnergyModelContract {

    @Override
    protected ComponentProvider<EnergyModel> provider() {
        return new GaussianProvider();
    }
}
