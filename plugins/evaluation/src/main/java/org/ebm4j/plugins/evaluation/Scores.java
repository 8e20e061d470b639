package org.ebm4j.plugins.evaluation;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** A model's score {@code −∇ₓE} at many points, {@code chunk} rows at a time, as a float64 matrix. */
final class Scores {

    private Scores() {}

    static INDArray of(EnergyModel model, INDArray x, int chunk) {
        INDArray out = Nd4j.zeros(DataType.DOUBLE, x.rows(), x.columns());
        for (long from = 0; from < x.rows(); from += chunk) {
            long to = Math.min(x.rows(), from + chunk);
            try (TensorScope scope = TensorScope.open()) {
                INDArray rows = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).castTo(model.dataType()).dup();
                INDArray score = model.score(Tensor.constant(rows), false).array().castTo(DataType.DOUBLE);
                out.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(score);
            }
        }
        return out;
    }
}
