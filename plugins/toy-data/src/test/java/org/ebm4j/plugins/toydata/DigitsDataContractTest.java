package org.ebm4j.plugins.toydata;

import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.testkit.DataSourceContract;

/** DigitsDataProvider passes the testkit's DataSourceContract. */
class DigitsDataContractTest extends DataSourceContract {

    @Override
    protected ComponentProvider<DataSource> provider() {
        return new DigitsDataProvider();
    }
}
