/**
 * {@code ebm sample}: builds a source's experiment with the requested sampler, restores trained parameters through
 * {@code TrainingState}, starts chains from any noise by name (or a file), and writes samples, diagnostics and the
 * picture.
 */
package org.ebm4j.runtime.sample;
