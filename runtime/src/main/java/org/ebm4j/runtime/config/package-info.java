/**
 * Experiment files: {@link org.ebm4j.runtime.config.ComponentResolver}, the one place component settings are worked
 * out (plugin defaults merged before substitutions, nested components, names and null replacing components, full keys
 * in every message), the {@link org.ebm4j.runtime.config.ExperimentLoader} around it, and the validated
 * {@link org.ebm4j.runtime.config.ExperimentSpec}.
 */
package org.ebm4j.runtime.config;
