/**
 * Live components: the {@link org.ebm4j.runtime.experiment.ExperimentFactory} creates them through their providers
 * (nested ones by key) and checks them against each other before anything runs; {@link
 * org.ebm4j.runtime.experiment.RandomStreams} derives every random number of a run from its seed.
 */
package org.ebm4j.runtime.experiment;
