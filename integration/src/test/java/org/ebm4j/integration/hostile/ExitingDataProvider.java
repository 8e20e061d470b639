package org.ebm4j.integration.hostile;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.DataSourceProvider;

/** A hostile plugin's data provider, packed into a jar by {@code ReliabilityIT}. */
public class ExitingDataProvider implements DataSourceProvider {

    @Override
    public String name() {
        return "exiting-data";
    }

    @Override
    public String description() {
        return "hostile: ExitingDataProvider";
    }

    @Override
    public DataSource create(Config settings, ComponentContext context) {
        System.exit(0); // a plugin that ends the process: ebm must not report success
        return null;
    }
}
