package org.ebm4j.runtime.plugin;

import org.ebm4j.api.component.ComponentKind;

/** A component a plugin provides: its kind, name, one-line description and the plugin it comes from. */
public record ComponentInfo(ComponentKind kind, String name, String description, String pluginId) {}
