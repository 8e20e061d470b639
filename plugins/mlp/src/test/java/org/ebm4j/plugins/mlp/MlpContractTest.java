package org.ebm4j.plugins.mlp;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.testkit.EnergyModelContract;

/** MlpProvider passes the testkit's EnergyModelContract. */
class MlpContractTest extends EnergyModelContract {

    @Override
    protected ComponentProvider<EnergyModel> provider() {
        return new MlpProvider();
    }

    @Override
    protected String testSettings() {
        return "hidden = [16, 16]";
    }
}
