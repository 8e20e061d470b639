package org.ebm4j.runtime.config;

import org.ebm4j.api.optim.OptimizerSpec;

/** How long and how to train, read from {@code train} (defaults in {@code ebm4j-runtime.conf}). */
public record TrainSettings(long steps, int batchSize, long logEvery, long checkpointEvery, int keepCheckpoints, long evalEvery,
                            OptimizerSpec optimizer, EarlyStopping earlyStopping) {}
