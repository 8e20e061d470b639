package org.ebm4j.runtime.plugin;

import java.nio.file.Path;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.ComponentProvider;

/**
 * A provider a plugin contributes, before it is bound: its kind, the instance, the plugin's id and its jar
 * ({@link #CLASSPATH} for providers on the application's own class path, as in tests and embedding).
 */
public record Contribution(ComponentKind kind, ComponentProvider<?> provider, String pluginId, Path jar) {

    /** The plugin id of providers found on the class path rather than in a plugin jar. */
    public static final String CLASSPATH = "classpath";

    /** A provider on the class path. */
    public static Contribution classpath(ComponentKind kind, ComponentProvider<?> provider) {
        return new Contribution(kind, provider, CLASSPATH, Path.of("(classpath)"));
    }

    /** {@code plugin-id/name}, the name that always reaches this provider. */
    public String qualifiedName() {
        return pluginId + "/" + provider.name();
    }
}
