/**
 * Plugins: PF4J loads the jars ({@link org.ebm4j.runtime.plugin.PluginSystem}), Guice binds their providers in one
 * {@code MapBinder} per kind ({@link org.ebm4j.runtime.plugin.ComponentsModule}), the only registry, read through
 * {@link org.ebm4j.runtime.plugin.Components}; name clashes are {@link org.ebm4j.runtime.plugin.NameConflict}s in
 * which built-in plugins keep their names.
 */
package org.ebm4j.runtime.plugin;
