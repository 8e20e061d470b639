package org.ebm4j.runtime.plugin;

import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.ComponentProvider;

/** A provider and where it came from: the plugin id and the class loader its resources are read through. */
public record RegisteredProvider(ComponentKind kind, ComponentProvider<?> provider, String pluginId, ClassLoader classLoader) {

    public ComponentInfo info() {
        return new ComponentInfo(kind, provider.name(), provider.description(), pluginId);
    }
}
