package org.ebm4j.runtime.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.ebm4j.runtime.config.ComponentResolver;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.config.PluginDefaults;
import org.ebm4j.runtime.experiment.ExperimentFactory;
import org.ebm4j.runtime.plugin.Components;

/**
 * The process-wide services, bound next to the providers ({@code ComponentsModule}) in the plugins' injector: the
 * plugins' defaults, the one resolver of component settings, the experiment loader and the component factory.
 */
public final class RuntimeModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(PluginDefaults.class).in(Singleton.class);
        bind(ExperimentLoader.class).in(Singleton.class);
        bind(ExperimentFactory.class).in(Singleton.class);
    }

    @Provides
    @Singleton
    ComponentResolver resolver(Components components, PluginDefaults defaults) {
        return new ComponentResolver(components, defaults);
    }
}
