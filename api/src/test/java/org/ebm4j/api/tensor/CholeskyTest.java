package org.ebm4j.api.tensor;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebm4j.api.random.RandomSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Triangular and positive-definite inverses, also where a general inverse gives up (a tiny determinant). */
class CholeskyTest {

    @Test
    void inversesMultiplyToTheIdentityEvenForATinyDeterminant() {
        int d = 64;
        INDArray a;
        try (RandomSource random = RandomSource.seeded(1)) {
            INDArray b = random.normal(DataType.DOUBLE, d, d).array().muli(0.01);
            a = b.mmul(b.transpose()).addi(Nd4j.eye(d).castTo(DataType.DOUBLE).muli(1e-4)); // det ~ 1e-230
        }
        INDArray lower = Cholesky.lower(a);
        INDArray eye = Nd4j.eye(d).castTo(DataType.DOUBLE);
        assertThat(lower.mmul(Cholesky.lowerInverse(lower)).equalsWithEps(eye, 1e-9)).isTrue();
        assertThat(a.mmul(Cholesky.inverseOf(a)).equalsWithEps(eye, 1e-6)).isTrue();
    }

    /**
     * The matrices of OpenBLAS issue #3534 (symmetric, sparse off-diagonal entries up to 0.2, diagonal 1000: clearly
     * positive definite), whose factorisation failed with OpenBLAS 0.3.19's SkylakeX kernels on 177 of 200 such and
     * random SPD matrices. Whatever kernels this JVM runs, every one must factorise and reproduce its matrix.
     */
    @Test
    void clearlyPositiveDefiniteMatricesOfEverySizeFactorise() {
        java.util.Random random = new java.util.Random(12345);
        for (int n : new int[] {1, 2, 7, 33, 64, 77, 146, 200, 258}) {
            double[][] a = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    double u = random.nextDouble();
                    if (u <= 0.2) {
                        a[i][j] = u;
                        a[j][i] = u;
                    }
                }
                a[i][i] = 1000;
            }
            INDArray m = Nd4j.createFromArray(a);
            INDArray lower = Cholesky.lower(m);
            double error = lower.mmul(lower.transpose()).subi(m).amaxNumber().doubleValue();
            assertThat(error).as("n = %d", n).isLessThan(1e-9);
        }
    }
}
