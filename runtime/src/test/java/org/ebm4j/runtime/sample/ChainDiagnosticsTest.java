package org.ebm4j.runtime.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** ESS and R̂ against known answers: independent draws, AR(1) chains, and chains stuck in different modes. */
class ChainDiagnosticsTest {

    private static double[][] ar1(int chains, int n, double rho, long seed, double[] offsets) {
        Random random = new Random(seed);
        double[][] x = new double[chains][n];
        double sd = Math.sqrt(1 - rho * rho);
        for (int c = 0; c < chains; c++) {
            double v = random.nextGaussian();
            for (int i = 0; i < n; i++) {
                v = rho * v + sd * random.nextGaussian();
                x[c][i] = v + offsets[c % offsets.length];
            }
        }
        return x;
    }

    @Test
    void independentDrawsAreWorthTheirNumber() {
        double[][] x = ar1(8, 1000, 0, 1, new double[] {0});
        assertThat(ChainDiagnostics.bulkEss(x)).isCloseTo(8000, within(800.0));
        assertThat(ChainDiagnostics.rhat(x)).isLessThan(1.01);
    }

    /** An AR(1) chain with coefficient ρ is worth n (1 − ρ) / (1 + ρ) independent draws. */
    @Test
    void anAutoregressiveChainIsWorthWhatItsCorrelationLeaves() {
        double rho = 0.8;
        double[][] x = ar1(8, 4000, rho, 2, new double[] {0});
        double expected = 8 * 4000 * (1 - rho) / (1 + rho);
        assertThat(ChainDiagnostics.ess(x)).isCloseTo(expected, within(0.15 * expected));
        assertThat(ChainDiagnostics.bulkEss(x)).isCloseTo(expected, within(0.15 * expected));
    }

    /** Chains stuck in two modes (as fixed-step Langevin leaves the mixture-weights demonstration) disagree: R̂ ≫ 1. */
    @Test
    void chainsStuckInDifferentModesHaveALargeRhat() {
        double[][] x = ar1(8, 500, 0.5, 3, new double[] {5, -5});
        assertThat(ChainDiagnostics.rhat(x)).isGreaterThan(1.1);
    }

    @Test
    void normalScoresAreAccurate() {
        assertThat(ChainDiagnostics.inverseNormal(0.975)).isCloseTo(1.959963984540054, within(1e-8));
        assertThat(ChainDiagnostics.inverseNormal(0.01)).isCloseTo(-2.3263478740408408, within(1e-8));
        assertThat(ChainDiagnostics.inverseNormal(0.5)).isCloseTo(0, within(1e-12));
    }
}
