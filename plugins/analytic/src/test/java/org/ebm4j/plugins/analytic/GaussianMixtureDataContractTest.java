package org.ebm4j.plugins.analytic;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.testkit.DataSourceContract;

/** GaussianMixtureDataProvider passes the testkit's DataSourceContract. */
class GaussianMixtureDataContractTest extends DataSourceContract {

    @Override
    protected ComponentProvider<DataSource> provider() {
        return new GaussianMixtureDataProvider();
    }

    @Override
    protected String testSettings() {
        return "means = [[0, 0], [3, 3]], train-size = 200, test-size = 100";
    }
}
