package org.ebm4j.plugins.evaluation;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Pairwise squared distances and kernel matrices, in float64, one matrix product each. */
final class Kernels {

    private Kernels() {}

    /** {@code ‖x_i − y_j‖²}, {@code [n, m]}, clamped at 0 against rounding. */
    static INDArray squaredDistances(INDArray x, INDArray y) {
        INDArray xd = x.castTo(DataType.DOUBLE);
        INDArray yd = y.castTo(DataType.DOUBLE);
        INDArray xx = xd.mul(xd).sum(true, 1);           // [n, 1]
        INDArray yy = yd.mul(yd).sum(true, 1).reshape(1, yd.rows()); // [1, m]
        INDArray d = xd.mmul(yd.transpose()).muli(-2).addiColumnVector(xx).addiRowVector(yy);
        return Transforms.max(d, 0.0, false);
    }

    /** The Gaussian (RBF) kernel {@code exp(−‖x − y‖² / (2h²))} from squared distances, a new matrix. */
    static INDArray rbf(INDArray squaredDistances, double bandwidth) {
        return Transforms.exp(squaredDistances.mul(-0.5 / (bandwidth * bandwidth)), false);
    }

    /** The median of the off-diagonal pairwise distances of {@code x} (at most 1000 rows are used): the median heuristic. */
    static double medianDistance(INDArray x) {
        INDArray rows = x.rows() > 1000 ? x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1000),
                org.nd4j.linalg.indexing.NDArrayIndex.all()) : x;
        double[] d = squaredDistances(rows, rows).data().asDouble();
        int n = rows.rows();
        double[] off = new double[n * (n - 1)];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    off[k++] = d[i * n + j];
                }
            }
        }
        java.util.Arrays.sort(off);
        return Math.sqrt(off[off.length / 2]);
    }
}
