package org.ebm4j.integration.hostile;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.DataSourceProvider;

/** A hostile plugin's data provider, packed into a jar by {@code ReliabilityIT}. */
public class FailingDataProvider implements DataSourceProvider {

    @Override
    public String name() {
        return "failing-data";
    }

    @Override
    public String description() {
        return "hostile: FailingDataProvider";
    }

    @Override
    public DataSource create(Config settings, ComponentContext context) {
        throw new IllegalStateException("cannot open the database");
    }
}
