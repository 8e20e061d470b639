package org.ebm4j.api.training;

import org.ebm4j.api.component.ComponentProvider;
import org.pf4j.ExtensionPoint;

/**
 * Creates training listeners by name ({@code listeners = [{ type = ... }]} in an experiment): metric sinks, custom
 * stopping rules, anything that watches training. Defaults live under {@code ebm.listener.<name>}.
 */
public interface TrainingListenerProvider extends ComponentProvider<TrainingListener>, ExtensionPoint {}
