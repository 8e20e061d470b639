package org.ebm4j.plots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

class GridDensity2dTest {

    /** E(x) = ½ (x-μ)ᵀΛ(x-μ) with Λ = diag(2, 0.5), μ = (0.5, -0.3): log Z = log 2π - ½ log det Λ = log 2π. */
    private static final EnergyModel GAUSSIAN = new EnergyModel() {
        private final Tensor mu = Tensor.of(DataType.FLOAT, new double[][] {{0.5, -0.3}});
        private final Tensor lambda = Tensor.of(DataType.FLOAT, new double[][] {{2.0, 0.5}});

        @Override
        public Tensor energy(Tensor x) {
            return x.sub(mu).square().mul(lambda).sum(1).mul(0.5);
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public Parameters parameters() {
            return Parameters.empty();
        }
    };

    @Test
    void logZOfAGaussianEnergyIsItsAnalyticValue() {
        GridDensity2d g = GridDensity2d.of(GAUSSIAN, -8, 8, -8, 8, 512);
        // the box holds all but ~1e-15 of the mass; the Riemann sum of a smooth integrand is accurate to ~1e-6
        assertThat(g.logZ()).isCloseTo(Math.log(2 * Math.PI), within(1e-5));
    }

    @Test
    void aBoxTooSmallMissesMassAndShowsIt() {
        GridDensity2d g = GridDensity2d.of(GAUSSIAN, -1, 1, -1, 1, 256);
        assertThat(g.logZ()).isLessThan(Math.log(2 * Math.PI) - 0.1);
    }

    /** The x1 marginal of the grid is the Gaussian's N(0.5, 1/2) density. */
    @Test
    void marginalsAreTheModelsMarginalDensities() {
        GridDensity2d g = GridDensity2d.of(GAUSSIAN, -8, 8, -8, 8, 401);
        double[] x = g.coordinates(0);
        double[] m = g.marginal(0);
        for (int i = 150; i < 250; i += 7) {
            double expected = Math.sqrt(2 / (2 * Math.PI)) * Math.exp(-(x[i] - 0.5) * (x[i] - 0.5));
            assertThat(m[i]).as("marginal at %s", x[i]).isCloseTo(expected, within(1e-3));
        }
    }

    /**
     * Exact draws of the Gaussian are as far from the grid as the grid's own exact draws are (sampling noise alone),
     * and draws from a shifted Gaussian are much further.
     */
    @Test
    void gridTotalVariationTellsExactFromWrongSamples() {
        GridDensity2d g = GridDensity2d.of(GAUSSIAN, -5, 5, -5, 5, 200);
        try (org.ebm4j.api.random.RandomSource random = org.ebm4j.api.random.RandomSource.seeded(3)) {
            double[][] exact = random.normal(DataType.DOUBLE, 4000, 2).array()
                    .mulRowVector(org.nd4j.linalg.factory.Nd4j.createFromArray(Math.sqrt(0.5), Math.sqrt(2.0)))
                    .addRowVector(org.nd4j.linalg.factory.Nd4j.createFromArray(0.5, -0.3)).toDoubleMatrix();
            double[][] shifted = java.util.Arrays.stream(exact).map(r -> new double[] {r[0] + 1.5, r[1]}).toArray(double[][]::new);
            var good = g.compare(exact, random);
            var bad = g.compare(shifted, random);
            double noise = (double) good.get("grid-tv-of-exact-draws");
            assertThat((double) good.get("grid-tv")).isCloseTo(noise, within(0.03));
            assertThat((double) bad.get("grid-tv")).isGreaterThan(noise + 0.3);
        }
    }

    /** A NaN energy anywhere on the grid makes log Z NaN rather than a number that skipped it. */
    @Test
    void aNanEnergyMakesLogZNan() {
        EnergyModel broken = new EnergyModel() {
            @Override
            public Tensor energy(Tensor x) {
                // log(1 − [x1 > 7.9]) · 0 is NaN where x1 > 7.9 (−∞ · 0) and 0 elsewhere
                return GAUSSIAN.energy(x).add(x.columns(0, 1).reshape(x.rows()).gt(7.9).rsub(1).log().mul(0));
            }

            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public Parameters parameters() {
                return Parameters.empty();
            }
        };
        assertThat(GridDensity2d.of(broken, -8, 8, -8, 8, 64).logZ()).isNaN();
    }

    /** 0.8 N((5,5), I) + 0.2 N((-5,-5), I): two modes whose masses are the weights; samples all in one mode say so. */
    @Test
    void modeSharesSeparateTheMixturesWeightsFromTheSamplesShares() {
        EnergyModel mixture = new EnergyModel() {
            @Override
            public Tensor energy(Tensor x) {
                Tensor a = x.sub(5.0).square().sum(1).mul(-0.5).add(Math.log(0.8));
                Tensor b = x.add(5.0).square().sum(1).mul(-0.5).add(Math.log(0.2));
                return Tensor.concat(1, a.reshape(x.rows(), 1), b.reshape(x.rows(), 1)).logSumExp(1, false).neg();
            }

            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public Parameters parameters() {
                return Parameters.empty();
            }
        };
        GridDensity2d g = GridDensity2d.of(mixture, -9, 9, -9, 9, 200);
        double[][] allHeavy = new double[500][];
        double[][] half = new double[500][];
        for (int k = 0; k < 500; k++) {
            allHeavy[k] = new double[] {5 + (k % 7) * 0.1, 5 - (k % 5) * 0.1};
            half[k] = k % 2 == 0 ? allHeavy[k] : new double[] {-5, -5 + (k % 3) * 0.1};
        }
        var heavy = g.compare(allHeavy, org.ebm4j.api.random.RandomSource.seeded(1));
        assertThat(heavy.get("modes")).isEqualTo(2);
        assertThat((double) heavy.get("heaviest-mode-mass")).isCloseTo(0.8, within(0.01));
        assertThat((double) heavy.get("heaviest-mode-samples")).isEqualTo(1.0);
        var split = g.compare(half, org.ebm4j.api.random.RandomSource.seeded(1));
        assertThat((double) split.get("heaviest-mode-samples")).isEqualTo(0.5);
        assertThat((String) split.get("mode-shares")).contains("0.800/0.500").contains("0.200/0.500");
    }
}
