package org.ebm4j.plugins.evaluation;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Row selection on sample matrices. */
final class Samples {

    private Samples() {}

    /** The rows of {@code x} whose every value is finite. */
    static INDArray finiteRows(INDArray x) {
        double[][] rows = x.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] kept = java.util.Arrays.stream(rows).filter(r -> java.util.Arrays.stream(r).allMatch(Double::isFinite))
                .toArray(double[][]::new);
        return kept.length == 0 ? Nd4j.zeros(DataType.DOUBLE, 0, x.columns()) : Nd4j.createFromArray(kept);
    }

    /** The first {@code n} of {@code order}'s rows of {@code x}, as a new double matrix. */
    static INDArray rows(INDArray x, int[] order, int n) {
        return Nd4j.pullRows(x.castTo(DataType.DOUBLE), 1, java.util.Arrays.copyOf(order, n));
    }
}
