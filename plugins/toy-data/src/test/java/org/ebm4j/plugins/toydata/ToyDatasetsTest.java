package org.ebm4j.plugins.toydata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.random.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

class ToyDatasetsTest {

    static java.util.List<String> names() {
        return ToyDatasets.NAMES;
    }

    @ParameterizedTest
    @MethodSource("names")
    void everySetIsFiniteTwoDimensionalAndSeeded(String name) {
        INDArray a = ToyDatasets.sample(name, 1000, RandomSource.seeded(1));
        assertThat(a.shape()).containsExactly(1000, 2);
        assertThat(a.isNaN().any() || a.isInfinite().any()).isFalse();
        assertThat(ToyDatasets.sample(name, 1000, RandomSource.seeded(1))).isEqualTo(a);
        assertThat(ToyDatasets.sample(name, 1000, RandomSource.seeded(2))).isNotEqualTo(a);
    }

    /** 8gaussians: centres on a circle of radius 4/1.414, per-axis sd 0.5/1.414, so E‖x‖² = 8 + 2·0.125 (÷ 1.414²·...). */
    @Test
    void eightGaussiansHasItsSecondMoment() {
        int n = 100_000;
        INDArray a = ToyDatasets.sample("8gaussians", n, RandomSource.seeded(3));
        double expected = (16 + 2 * 0.25) / (1.414 * 1.414);
        double meanSq = a.mul(a).sum(1).meanNumber().doubleValue();
        // Var‖x‖² ≈ 4·16·(0.25)/1.414⁴ + small: sd of the mean below 0.01; 5 sd
        assertThat(meanSq).isCloseTo(expected, within(0.05));
        assertThat(a.mean(0).getDouble(0)).isCloseTo(0, within(0.03));
    }

    @Test
    void checkerboardStaysOnItsSquares() {
        INDArray a = ToyDatasets.sample("checkerboard", 10_000, RandomSource.seeded(4));
        for (int i = 0; i < 10_000; i++) {
            double x = a.getDouble(i, 0) / 2;
            double y = a.getDouble(i, 1) / 2;
            assertThat(Math.floorMod((int) Math.floor(x) + (int) Math.floor(y), 2)).as("square parity").isZero();
            assertThat(Math.abs(x)).isLessThanOrEqualTo(2);
            assertThat(Math.abs(y)).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void unknownNamesListTheKnownOnes() {
        assertThatThrownBy(() -> ToyDatasets.sample("spiral", 3, RandomSource.seeded(0))).hasMessageContaining("2spirals");
    }
}
