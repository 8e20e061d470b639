/**
 * The runtime's own training listeners, in the order a run registers them: {@link
 * org.ebm4j.runtime.training.listener.DivergenceGuard}, {@link org.ebm4j.runtime.training.listener.MetricWindow},
 * {@link org.ebm4j.runtime.training.listener.EarlyStopper}, the experiment's plugin listeners, {@link
 * org.ebm4j.runtime.training.listener.Checkpointing}, {@link org.ebm4j.runtime.training.listener.Evaluations}, the
 * metric sinks, and {@link org.ebm4j.runtime.training.listener.RunSummary}.
 */
package org.ebm4j.runtime.training.listener;
