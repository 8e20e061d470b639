package org.ebm4j.api.noise;

import org.ebm4j.api.component.ComponentProvider;
import org.pf4j.ExtensionPoint;

/** Creates noise distributions by name. */
public interface NoiseProvider extends ComponentProvider<NoiseDistribution>, ExtensionPoint {}
