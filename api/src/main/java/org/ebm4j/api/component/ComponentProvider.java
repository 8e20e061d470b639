package org.ebm4j.api.component;

import com.typesafe.config.Config;

/**
 * Creates components of one kind by name. A plugin implements one of the kind-specific subinterfaces
 * ({@code ObjectiveProvider}, {@code SamplerProvider}, ...) and marks the class with PF4J's {@code @Extension}.
 *
 * <p>{@link #create} receives the component's settings: the plugin's defaults from its {@code reference.conf}
 * (under {@code ebm.<kind>.<name>}) overlaid with what the experiment file sets, substitutions resolved, unknown keys
 * already refused, and the reserved keys {@code type}, {@code kind} and {@code label} removed. Read every setting
 * there, eagerly, into an immutable record (with {@link SettingsReader}), and throw
 * {@link org.ebm4j.api.ConfigException} naming the key (relative to the component) for a bad value; the runtime
 * reports it with the full key and the file. Nested components come from {@link ComponentContext#create}.
 *
 * @param <T> the component type
 */
public interface ComponentProvider<T> {

    /** The stable name experiment files use, e.g. {@code dsm}. Lower case, words joined by '-'. */
    String name();

    /** One line for {@code ebm plugins} and {@code ebm describe}. */
    String description();

    /** A new component from its settings. */
    T create(Config settings, ComponentContext context);
}
