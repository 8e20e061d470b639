package org.ebm4j.runtime.training;

import java.util.Map;
import org.ebm4j.api.optim.OptimizerState;
import org.ebm4j.api.random.RandomSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Everything needed to continue a run exactly: the step reached, every parameter group's values and optimiser
 * state, every random stream's position, the resolved configuration, the objective's own state (a replay buffer, a
 * fitted noise), and what wrote it ({@code provenance}: ebm4j, SPI and plugin versions, Java, OS, time).
 */
public record Checkpoint(long step, Map<String, INDArray> parameters, Map<String, OptimizerState> optimizers,
                         Map<String, RandomSource.State> random, String config, Map<String, INDArray> objectiveState,
                         Map<String, Object> provenance) {

    public Checkpoint {
        parameters = Map.copyOf(parameters);
        optimizers = Map.copyOf(optimizers);
        random = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(random));
        objectiveState = Map.copyOf(objectiveState);
        provenance = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(provenance));
    }
}
