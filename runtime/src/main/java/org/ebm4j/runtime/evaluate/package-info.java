/**
 * {@code ebm evaluate}: evaluators run on a trained model (a run folder or checkpoint) or an experiment's model,
 * without retraining, through the same resolver, factory and {@code TrainingState} as a run.
 */
package org.ebm4j.runtime.evaluate;
