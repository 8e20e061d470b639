package org.ebm4j.plots;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Axis and colour-bar ticks are round numbers inside the range, labelled without spurious digits. */
class TicksTest {

    @Test
    void ticksAreRoundValuesWithinTheRange() {
        assertThat(Pictures.niceTicks(-5.79, 5.79, 5)).containsExactly(-4.0, -2.0, 0.0, 2.0, 4.0);
        assertThat(Pictures.niceTicks(0, 0.2731, 4)).containsExactly(0.0, 0.1, 0.2);
        assertThat(Pictures.niceTicks(7.2, 12.9, 5)).containsExactly(8.0, 9.0, 10.0, 11.0, 12.0);
        assertThat(Pictures.niceTicks(-20, 20, 3)).containsExactly(-20.0, 0.0, 20.0);
        assertThat(Pictures.niceTicks(-3, -3, 5)).isEmpty();
        assertThat(Pictures.niceTicks(0, Double.NaN, 5)).isEmpty();
    }

    @Test
    void labelsHaveNoMoreDigitsThanTheValue() {
        assertThat(Pictures.tickLabel(0.1 + 0.2)).isEqualTo("0.3");
        assertThat(Pictures.tickLabel(-5.0)).isEqualTo("-5");
        assertThat(Pictures.tickLabel(2.5)).isEqualTo("2.5");
        assertThat(Pictures.tickLabel(0.0)).isEqualTo("0");
        assertThat(Pictures.tickLabel(0.00012)).isEqualTo("1.2e-04");
    }
}
