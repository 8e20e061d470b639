package org.ebm4j.api.sampler;

import org.ebm4j.api.component.ComponentProvider;
import org.pf4j.ExtensionPoint;

/** Creates samplers by name ({@code sampler.type} in an experiment). */
public interface SamplerProvider extends ComponentProvider<Sampler>, ExtensionPoint {}
