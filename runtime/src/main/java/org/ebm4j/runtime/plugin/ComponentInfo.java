package org.ebm4j.runtime.plugin;

import org.ebm4j.api.component.ComponentKind;

/**
 * A component as {@code ebm plugins} lists it: kind, the name experiments use ({@code plugin-id/name} when another
 * plugin's component holds the plain name), description, and the plugin it comes from.
 */
public record ComponentInfo(ComponentKind kind, String name, String description, String pluginId) {}
