package org.ebm4j.plugins.conv;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.testkit.EnergyModelContract;

/** ConvProvider passes the testkit's EnergyModelContract on 4×4 single-channel images (d = 16), spectral normalisation on. */
class ConvContractTest extends EnergyModelContract {

    @Override
    protected ComponentProvider<EnergyModel> provider() {
        return new ConvProvider();
    }

    @Override
    protected int dimension() {
        return 16;
    }

    @Override
    protected String testSettings() {
        return "channels = [4, 6], strides = [1, 2], spectral-norm-iterations = 10";
    }
}
