package org.ebm4j.api.sampler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import org.ebm4j.api.random.RandomSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class InitialStatesTest {

    /** Correlated 2-D data: x2 = x1 + small noise, x1 in [-1, 3]. */
    private static INDArray data(RandomSource random, int n) {
        INDArray x1 = random.uniform(-1, 3, DataType.DOUBLE, n, 1).array();
        INDArray x2 = x1.add(random.normal(DataType.DOUBLE, n, 1).array().muli(0.1));
        return Nd4j.hstack(x1, x2);
    }

    @Test
    void uniformBoxCoversTheDataRangeWidenedByTheMargin() {
        try (RandomSource random = RandomSource.seeded(1)) {
            INDArray train = data(random, 2000);
            INDArray draws = new InitialStates.UniformBox(0.5).fit(train).draw(20_000, DataType.DOUBLE, random).array();
            for (int j = 0; j < 2; j++) {
                double lo = train.getColumn(j).minNumber().doubleValue() - 0.5;
                double hi = train.getColumn(j).maxNumber().doubleValue() + 0.5;
                assertThat(draws.getColumn(j).minNumber().doubleValue()).isBetween(lo, lo + 0.01 * (hi - lo));
                assertThat(draws.getColumn(j).maxNumber().doubleValue()).isBetween(hi - 0.01 * (hi - lo), hi);
            }
        }
    }

    @Test
    void fittedGaussianHasTheDataMeanAndCovarianceIncludingCorrelation() {
        try (RandomSource random = RandomSource.seeded(2)) {
            INDArray train = data(random, 5000);
            int n = 40_000;
            INDArray draws = new InitialStates.FittedGaussian().fit(train).draw(n, DataType.DOUBLE, random).array();
            INDArray m = train.mean(true, 0);
            INDArray c = train.subRowVector(m);
            INDArray cov = c.transpose().mmul(c).divi(train.rows() - 1);
            INDArray dm = draws.mean(true, 0);
            INDArray dc = draws.subRowVector(dm);
            INDArray dcov = dc.transpose().mmul(dc).divi(n - 1);
            assertThat(cov.getDouble(0, 1) / Math.sqrt(cov.getDouble(0, 0) * cov.getDouble(1, 1))).isGreaterThan(0.9);
            for (int i = 0; i < 2; i++) {
                // 5 standard errors of a mean and of a (co)variance of n independent Gaussian draws
                assertThat(dm.getDouble(0, i)).isCloseTo(m.getDouble(0, i), offset(5 * Math.sqrt(cov.getDouble(i, i) / n)));
                for (int j = 0; j < 2; j++) {
                    double se = Math.sqrt((cov.getDouble(i, i) * cov.getDouble(j, j) + cov.getDouble(i, j) * cov.getDouble(i, j)) / n);
                    assertThat(dcov.getDouble(i, j)).isCloseTo(cov.getDouble(i, j), offset(5 * se));
                }
            }
        }
    }

    @Test
    void fittedGaussianSurvivesAConstantCoordinate() {
        try (RandomSource random = RandomSource.seeded(3)) {
            INDArray train = Nd4j.hstack(random.normal(DataType.DOUBLE, 100, 1).array(), Nd4j.zeros(DataType.DOUBLE, 100, 1));
            INDArray draws = new InitialStates.FittedGaussian().fit(train).draw(50, DataType.FLOAT, random).array();
            assertThat(draws.dataType()).isEqualTo(DataType.FLOAT);
            assertThat(draws.isNaN().any()).isFalse();
            assertThat(draws.getColumn(1).amaxNumber().doubleValue()).isLessThan(1e-2);
        }
    }

    @Test
    void dataPointsAreTrainingRows() {
        try (RandomSource random = RandomSource.seeded(4)) {
            INDArray train = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}});
            INDArray draws = new InitialStates.DataPoints().fit(train).draw(30, DataType.DOUBLE, random).array();
            for (int i = 0; i < 30; i++) {
                assertThat(draws.getDouble(i, 1)).isEqualTo(draws.getDouble(i, 0) + 1);
                assertThat(draws.getDouble(i, 0)).isIn(1.0, 3.0, 5.0);
            }
        }
    }

    @Test
    void givenStatesAreUsedAsTheyAreAndTheirShapeIsChecked() {
        try (RandomSource random = RandomSource.seeded(5)) {
            INDArray given = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}});
            InitialStates.Fitted fitted = new InitialStates.Given(given).fit(Nd4j.zeros(DataType.DOUBLE, 5, 2));
            assertThat(fitted.draw(2, DataType.DOUBLE, random).array()).isEqualTo(given);
            assertThatThrownBy(() -> fitted.draw(3, DataType.DOUBLE, random)).hasMessageContaining("asked for 3 chains but 2");
            assertThatThrownBy(() -> new InitialStates.Given(given).fit(Nd4j.zeros(DataType.DOUBLE, 5, 3)))
                    .hasMessageContaining("2 columns but the data has dimension 3");
        }
    }

    @Test
    void namesAreTheDocumentedOnes() {
        assertThat(InitialStates.named("uniform", 1)).isEqualTo(new InitialStates.UniformBox(1));
        assertThat(InitialStates.named("gaussian", 1)).isInstanceOf(InitialStates.FittedGaussian.class);
        assertThat(InitialStates.named("data", 1)).isInstanceOf(InitialStates.DataPoints.class);
        assertThatThrownBy(() -> InitialStates.named("box", 1)).hasMessageContaining("known: uniform, gaussian, data");
    }
}
