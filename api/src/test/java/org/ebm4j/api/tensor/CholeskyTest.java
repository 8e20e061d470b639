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
}
