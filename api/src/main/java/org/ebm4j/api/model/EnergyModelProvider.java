package org.ebm4j.api.model;

import org.ebm4j.api.component.ComponentProvider;
import org.pf4j.ExtensionPoint;

/** Creates energy models by name ({@code model.type} in an experiment). */
public interface EnergyModelProvider extends ComponentProvider<EnergyModel>, ExtensionPoint {}
