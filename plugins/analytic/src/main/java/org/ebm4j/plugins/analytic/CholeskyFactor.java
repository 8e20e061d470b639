package org.ebm4j.plugins.analytic;

import org.ebm4j.api.tensor.Cholesky;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A precision {@code Λ = L Lᵀ} held through an unconstrained {@code [d, d]} matrix: its strictly lower part is
 * {@code L}'s, its diagonal is {@code log diag L}. Every value is a valid precision, so an optimiser can move it
 * freely.
 */
final class CholeskyFactor {

    private final Tensor raw;
    private final Tensor strictLower;
    private final Tensor eye;

    /** @param raw the free matrix, a parameter leaf or a constant */
    CholeskyFactor(Tensor raw) {
        int d = (int) raw.shape()[0];
        DataType type = raw.dataType();
        INDArray lower = Nd4j.zeros(type, d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                lower.putScalar(i, j, 1.0);
            }
        }
        this.raw = raw;
        this.strictLower = Tensor.constant(lower);
        this.eye = Tensor.constant(Nd4j.eye(d).castTo(type));
    }

    /** The free matrix for a symmetric positive-definite {@code precision} (double precision Cholesky). */
    static INDArray rawOf(INDArray precision) {
        int d = precision.rows();
        INDArray l = Cholesky.lower(precision); // Λ = L Lᵀ
        INDArray raw = Nd4j.zeros(DataType.DOUBLE, d, d);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < i; j++) {
                raw.putScalar(i, j, l.getDouble(i, j));
            }
            raw.putScalar(i, i, Math.log(l.getDouble(i, i)));
        }
        return raw;
    }

    /** {@code L}: the strictly lower part as is, the diagonal exponentiated. */
    Tensor lower() {
        return raw.mul(strictLower).add(raw.mul(eye).exp().mul(eye));
    }

    /** {@code Σ log L_ii = ½ log det Λ}, a scalar tensor. */
    Tensor halfLogDet() {
        return raw.mul(eye).sum();
    }

    /** The current Λ as a fresh {@code [d, d]} array. */
    INDArray precision() {
        Tensor l = lower();
        return l.matmul(l.transpose()).array().dup();
    }
}
