/**
 * Optimisers by name over ND4J's updaters ({@code adam}, {@code sgd}, {@code nesterovs}, ...), learning-rate
 * schedules, decoupled weight decay, gradient clipping by global norm, and a state that round-trips exactly.
 */
package org.ebm4j.api.optim;
