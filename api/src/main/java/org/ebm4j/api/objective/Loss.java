package org.ebm4j.api.objective;

import java.util.List;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.Tensor;

/**
 * One scalar loss and who moves along it: {@code minimisers} descend it, {@code maximisers} ascend it (the flow
 * of flow-contrastive estimation), so minimax objectives need no special trainer.
 */
public record Loss(String name, Tensor value, List<Parameters> minimisers, List<Parameters> maximisers) {

    public Loss {
        if (value.length() != 1) {
            throw new IllegalArgumentException("Loss '" + name + "' must be a scalar, got " + value);
        }
        minimisers = List.copyOf(minimisers);
        maximisers = List.copyOf(maximisers);
    }

    /** A loss that {@code parameters} minimise. */
    public static Loss minimise(String name, Tensor value, Parameters... parameters) {
        return new Loss(name, value, List.of(parameters), List.of());
    }
}
