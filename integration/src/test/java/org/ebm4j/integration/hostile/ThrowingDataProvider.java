package org.ebm4j.integration.hostile;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.DataSourceProvider;

/** A hostile plugin's data provider, packed into a jar by {@code ReliabilityIT}. */
public class ThrowingDataProvider implements DataSourceProvider {

    public ThrowingDataProvider() {
        throw new IllegalStateException("boom in the constructor");
    }

    @Override
    public String name() {
        return "throwing-data";
    }

    @Override
    public String description() {
        return "hostile: ThrowingDataProvider";
    }

    @Override
    public DataSource create(Config settings, ComponentContext context) {
        return null;
    }
}
