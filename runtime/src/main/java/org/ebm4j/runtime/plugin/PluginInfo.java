package org.ebm4j.runtime.plugin;

import java.nio.file.Path;

/** A loaded plugin, as {@code ebm plugins} lists it. */
public record PluginInfo(String id, String version, String state, String provider, Path jar) {}
