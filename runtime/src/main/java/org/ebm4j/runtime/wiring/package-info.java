/**
 * The Guice wiring, three injectors deep. The plugins' injector ({@code PluginSystem}) binds every provider in one
 * {@code MapBinder} per kind ({@code plugin.ComponentsModule}) and the process-wide services ({@link
 * org.ebm4j.runtime.wiring.RuntimeModule}); an experiment's child ({@link org.ebm4j.runtime.wiring.ExperimentModule})
 * binds its spec and its created components; a run's child ({@link org.ebm4j.runtime.wiring.RunModule}) binds the
 * run folder, console, clock, training state, trainer and the listeners, collected with a {@code Multibinder}.
 */
package org.ebm4j.runtime.wiring;
