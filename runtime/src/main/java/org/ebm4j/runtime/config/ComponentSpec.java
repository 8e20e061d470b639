package org.ebm4j.runtime.config;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.runtime.plugin.RegisteredProvider;

/**
 * One component of an experiment: its kind, its name ({@code type}), where in the file it was declared, the
 * provider that makes it, and its complete settings (the file's values over the plugin's defaults).
 */
public record ComponentSpec(ComponentKind kind, String type, String path, RegisteredProvider provider, Config settings) {}
