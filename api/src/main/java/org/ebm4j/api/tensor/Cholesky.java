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

    /**
     * {@code L⁻¹} of a lower-triangular {@code L} with a positive diagonal, by forward substitution in double precision:
     * exact where a general inverse refuses (ND4J's {@code matrix_inverse} tests the determinant, which underflows to
     * 0 for a 64×64 factor of small variances, such as an image's pixels).
     */
    public static INDArray lowerInverse(INDArray lower) {
        int d = lower.rows();
        double[][] l = lower.castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] inv = new double[d][d];
        for (int col = 0; col < d; col++) {
            for (int i = col; i < d; i++) {
                double sum = i == col ? 1 : 0;
                for (int k = col; k < i; k++) {
                    sum -= l[i][k] * inv[k][col];
                }
                inv[i][col] = sum / l[i][i];
            }
        }
        return Nd4j.createFromArray(inv);
    }

    /** {@code A⁻¹ = L⁻ᵀ L⁻¹} of a symmetric positive-definite {@code A}, through its Cholesky factor (double precision). */
    public static INDArray inverseOf(INDArray a) {
        INDArray inverseLower = lowerInverse(lower(a));
        return inverseLower.transpose().mmul(inverseLower);
    }
}
