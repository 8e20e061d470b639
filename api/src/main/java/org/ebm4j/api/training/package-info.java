/**
 * Watching and steering training: {@link org.ebm4j.api.training.TrainingListener} sees every step, every published
 * metric and every checkpoint, and may stop or fail the run through {@link org.ebm4j.api.training.TrainingControl};
 * plugins contribute listeners by name with {@link org.ebm4j.api.training.TrainingListenerProvider}.
 */
package org.ebm4j.api.training;
