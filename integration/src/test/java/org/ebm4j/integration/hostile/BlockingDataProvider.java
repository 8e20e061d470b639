package org.ebm4j.integration.hostile;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.DataSourceProvider;

/** A hostile plugin's data provider, packed into a jar by {@code ReliabilityIT}. */
public class BlockingDataProvider implements DataSourceProvider {

    public BlockingDataProvider() throws InterruptedException {
        Thread.sleep(Long.MAX_VALUE); // waits for a service that never answers
    }

    @Override
    public String name() {
        return "blocking-data";
    }

    @Override
    public String description() {
        return "hostile: BlockingDataProvider";
    }

    @Override
    public DataSource create(Config settings, ComponentContext context) {
        return null;
    }
}
