package org.ebm4j.plugins.toydata;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.testkit.DataSourceContract;

/** ToyDataProvider passes the testkit's DataSourceContract. */
class ToyDataContractTest extends DataSourceContract {

    @Override
    protected ComponentProvider<DataSource> provider() {
        return new ToyDataProvider();
    }

    @Override
    protected String testSettings() {
        return "train-size = 200, test-size = 100";
    }
}
