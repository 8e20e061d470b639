package org.ebm4j.api.objective;

import org.ebm4j.api.component.ComponentProvider;
import org.pf4j.ExtensionPoint;

/** Creates training objectives by name ({@code objective.type} in an experiment). */
public interface ObjectiveProvider extends ComponentProvider<Objective>, ExtensionPoint {}
