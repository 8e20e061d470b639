/**
 * Training: the {@link org.ebm4j.runtime.training.Trainer} is the step loop and nothing else; {@link
 * org.ebm4j.runtime.training.TrainingState} is the one home of what a checkpoint holds; {@link
 * org.ebm4j.runtime.training.CheckpointStore} writes checkpoints whole and reads every format since the first.
 */
package org.ebm4j.runtime.training;
