package org.ebm4j.api.tensor;

import org.nd4j.linalg.api.blas.BlasException;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Cholesky factor of a symmetric positive-definite matrix, in double precision (LAPACK {@code potrf}). */
public final class Cholesky {

    private Cholesky() {}

    /**
     * {@code L} with {@code A = L Lᵀ}, lower triangular (the upper part zero), a new double array.
     *
     * @throws IllegalArgumentException if {@code a} is not square or not positive definite
     */
    public static INDArray lower(INDArray a) {
        if (a.rank() != 2 || a.rows() != a.columns()) {
            throw new IllegalArgumentException("not a square matrix: shape " + java.util.Arrays.toString(a.shape()));
        }
        INDArray l = a.castTo(DataType.DOUBLE).dup('c');
        try {
            Nd4j.getBlasWrapper().lapack().potrf(l, true);
        } catch (BlasException e) { // an Error, not an exception, in ND4J
            throw new IllegalArgumentException("not positive definite (Cholesky factorisation failed: " + e.getMessage() + ")", e);
        }
        int d = l.rows();
        INDArray lower = Nd4j.zeros(DataType.DOUBLE, d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j <= i; j++) {
                lower.putScalar(i, j, l.getDouble(i, j));
            }
        }
        return lower;
    }
}
