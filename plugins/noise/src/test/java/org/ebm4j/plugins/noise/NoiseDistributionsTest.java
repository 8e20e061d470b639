package org.ebm4j.plugins.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.util.List;
import java.util.Map;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.testkit.ContractSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NoiseDistributionsTest {

    static NoiseDistribution create(ComponentProvider<NoiseDistribution> provider, String settings, int d) {
        return ContractSupport.build(provider, "noise", settings, d, 0);
    }

    /** 0.5 N((0,0), I) + 0.3 N((6,0), [[1, .5], [.5, 1]]) + 0.2 N((0,6), 0.5 I), n rows. */
    static INDArray threeClusters(int n, RandomSource random) {
        double[][] means = {{0, 0}, {6, 0}, {0, 6}};
        double[] weights = {0.5, 0.3, 0.2};
        INDArray[] factors = {Nd4j.eye(2).castTo(DataType.DOUBLE),
                Nd4j.createFromArray(new double[][] {{1, 0}, {0.5, Math.sqrt(0.75)}}),
                Nd4j.eye(2).castTo(DataType.DOUBLE).mul(Math.sqrt(0.5))};
        INDArray x = Nd4j.zeros(DataType.DOUBLE, n, 2);
        int row = 0;
        for (int k = 0; k < 3; k++) {
            int count = k == 2 ? n - row : (int) Math.round(weights[k] * n);
            INDArray z = random.normal(DataType.DOUBLE, count, 2).array();
            INDArray part = z.mmul(factors[k].transpose()).addiRowVector(Nd4j.createFromArray(means[k]).reshape(1, 2));
            for (int i = 0; i < count; i++) {
                x.putRow(row++, part.getRow(i));
            }
        }
        return x;
    }

    static Dataset dataset(INDArray train) {
        return new Dataset("test", train.castTo(Tensor.DEFAULT_TYPE), train.castTo(Tensor.DEFAULT_TYPE));
    }

    /** {@code {∫p, ∫x₁p / ∫p, ∫x₂p / ∫p}} over a 400×400 grid on [lo, hi]² (midpoint rule). */
    static double[] gridMoments(NoiseDistribution noise, double lo, double hi) {
        int res = 400;
        double h = (hi - lo) / res;
        double[][] points = new double[res * res][2];
        for (int i = 0; i < res; i++) {
            for (int j = 0; j < res; j++) {
                points[i * res + j][0] = lo + (i + 0.5) * h;
                points[i * res + j][1] = lo + (j + 0.5) * h;
            }
        }
        double[] logp = noise.logProb(Tensor.constant(Nd4j.createFromArray(points).castTo(Tensor.DEFAULT_TYPE))).toDoubleArray();
        double mass = 0;
        double m0 = 0;
        double m1 = 0;
        for (int k = 0; k < logp.length; k++) {
            double w = Math.exp(logp[k]) * h * h;
            mass += w;
            m0 += w * points[k][0];
            m1 += w * points[k][1];
        }
        return new double[] {mass, m0 / mass, m1 / mass};
    }

    private static NoiseDistribution fitted(String name, RandomSource random) {
        NoiseDistribution noise = switch (name) {
            case "gaussian" -> create(new GaussianNoiseProvider(), "", 2);
            case "diagonal-gaussian" -> create(new DiagonalGaussianNoiseProvider(), "", 2);
            case "gaussian-mixture" -> create(new MixtureNoiseProvider(), "components = 3", 2);
            default -> create(new UniformNoiseProvider(), "margin = 0.5", 2);
        };
        noise.fit(dataset(threeClusters(3000, random)), random);
        return noise;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian", "diagonal-gaussian", "gaussian-mixture", "uniform"})
    void densityIntegratesToOneOnAGridAndSamplesHaveIt(String name) {
        try (RandomSource random = RandomSource.seeded(1)) {
            NoiseDistribution noise = fitted(name, random);
            double[] moments = gridMoments(noise, -12, 18);
            assertThat(moments[0]).as(name).isCloseTo(1.0, offset(0.01));
            Tensor x = noise.sample(4000, random);
            assertThat(x.shape()).containsExactly(4000, 2);
            double[] logp = noise.logProb(x).toDoubleArray();
            assertThat(java.util.Arrays.stream(logp).allMatch(Double::isFinite)).as("every draw lies where the density is positive").isTrue();
            // draws and log-density agree: E[log p(X)] over draws is −entropy, estimated two ways is a weak check,
            // so check the draws' moments against the density's (grid) moments instead
            INDArray mean = x.array().castTo(DataType.DOUBLE).mean(0);
            INDArray sd = x.array().castTo(DataType.DOUBLE).std(0);
            for (int j = 0; j < 2; j++) {
                assertThat(mean.getDouble(j)).as("%s mean %d", name, j).isCloseTo(moments[j + 1], offset(5 * sd.getDouble(j) / Math.sqrt(4000)));
            }
            NoiseDistribution.Draws draws = noise.sampleWithLogProb(10, random);
            assertThat(draws.logProb().toDoubleArray()).containsExactly(noise.logProb(draws.x()).toDoubleArray(), offset(1e-5));
        }
    }

    @Test
    void emRecoversTheWeightsAndMeansOfWellSeparatedComponents() {
        try (RandomSource random = RandomSource.seeded(7)) {
            int n = 6000;
            MixtureNoise noise = (MixtureNoise) create(new MixtureNoiseProvider(), "components = 3", 2);
            noise.fit(dataset(threeClusters(n, random)), random);
            double[][] means = {{0, 0}, {6, 0}, {0, 6}};
            double[] weights = {0.5, 0.3, 0.2};
            double[] variances = {1, 1, 0.5};
            double[] fitted = noise.weights();
            for (int k = 0; k < 3; k++) {
                int match = nearest(noise, means[k]);
                // the data hold exactly w·n rows per component, so only assignment errors move the weights:
                // well separated, they are rare; allow one binomial standard error's worth of slack per component
                assertThat(fitted[match]).as("weight %d", k).isCloseTo(weights[k], offset(Math.sqrt(weights[k] * (1 - weights[k]) / n)));
                double se = Math.sqrt(variances[k] / (weights[k] * n));
                assertThat(noise.mean(match)[0]).as("mean %d x", k).isCloseTo(means[k][0], offset(5 * se));
                assertThat(noise.mean(match)[1]).as("mean %d y", k).isCloseTo(means[k][1], offset(5 * se));
            }
            assertThat(noise.metrics()).containsKeys("em-iterations", "em-train-nll");
        }
    }

    private static int nearest(MixtureNoise noise, double[] target) {
        int best = -1;
        double bestDistance = Double.MAX_VALUE;
        for (int k = 0; k < noise.weights().length; k++) {
            double[] m = noise.mean(k);
            double dist = Math.hypot(m[0] - target[0], m[1] - target[1]);
            if (dist < bestDistance) {
                bestDistance = dist;
                best = k;
            }
        }
        return best;
    }

    @Test
    void fittedGaussianHasTheSampleCovarianceTimesScaleSquared() {
        try (RandomSource random = RandomSource.seeded(3)) {
            INDArray x = threeClusters(2000, random);
            GaussianNoise noise = (GaussianNoise) create(new GaussianNoiseProvider(), "scale = 2", 2);
            noise.fit(dataset(x), random);
            INDArray c = x.subRowVector(x.mean(true, 0));
            INDArray expected = c.transpose().mmul(c).divi(1999).muli(4);
            assertThat(noise.covariance().getDouble(0, 1)).isCloseTo(expected.getDouble(0, 1), offset(1e-3 * Math.abs(expected.getDouble(0, 1))));
            assertThat(noise.covariance().getDouble(1, 1)).isCloseTo(expected.getDouble(1, 1), offset(1e-3 * expected.getDouble(1, 1)));
            GaussianNoise diagonal = (GaussianNoise) create(new DiagonalGaussianNoiseProvider(), "", 2);
            diagonal.fit(dataset(x), random);
            assertThat(diagonal.covariance().getDouble(0, 1)).isZero();
        }
    }

    /**
     * 30-D standardised data whose covariance has condition number 1e5 and a determinant near 1e-16: the factor is
     * inverted by triangular substitution, so the fit works and the density is the exact one (a general inverse of the
     * factor refuses such a determinant).
     */
    @ParameterizedTest
    @ValueSource(strings = {"gaussian", "gaussian-mixture"})
    void anIllConditionedCovarianceIsFittedAndItsDensityIsExact(String name) {
        int d = 30;
        double[] sd = new double[d];
        for (int j = 0; j < d; j++) {
            sd[j] = Math.pow(10, -2.5 * j / (d - 1.0)); // 1 .. 10^-2.5: variances 1 .. 1e-5
        }
        try (RandomSource random = RandomSource.seeded(11)) {
            INDArray x = random.normal(DataType.DOUBLE, 5000, d).array().mulRowVector(Nd4j.createFromArray(sd).reshape(1, d));
            NoiseDistribution noise = create(name.equals("gaussian") ? new GaussianNoiseProvider() : new MixtureNoiseProvider(),
                    name.equals("gaussian") ? "" : "components = 1", d);
            noise.fit(dataset(x), random);
            double[] logp = noise.logProb(Tensor.adopt(x.getRows(0, 1, 2).castTo(Tensor.DEFAULT_TYPE))).toDoubleArray();
            // the exact log density under the sample covariance, in double precision
            INDArray c = x.subRowVector(x.mean(true, 0));
            INDArray cov = c.transpose().mmul(c).divi(x.rows() - 1);
            INDArray l = org.ebm4j.api.tensor.Cholesky.lower(cov);
            double logDet = 0;
            for (int j = 0; j < d; j++) {
                logDet += 2 * Math.log(l.getDouble(j, j));
            }
            assertThat(logDet).isLessThan(-30); // det ≈ 1e-16 or smaller
            INDArray y = x.getRows(0, 1, 2).subRowVector(x.mean(true, 0)).mmul(org.ebm4j.api.tensor.Cholesky.lowerInverse(l).transpose());
            for (int i = 0; i < 3; i++) {
                double expected = -0.5 * y.getRow(i).mul(y.getRow(i)).sumNumber().doubleValue() - 0.5 * logDet - 0.5 * d * Math.log(2 * Math.PI);
                assertThat(logp[i]).as(name + " row " + i).isCloseTo(expected, offset(1e-3 * Math.abs(expected) + 1e-2));
            }
        }
    }

    @Test
    void aGivenGaussianNeedsNoFitAndHasTheWrittenDensity() {
        NoiseDistribution noise = create(new GaussianNoiseProvider(), "mean = [1, 2], covariance = [[2, 0], [0, 0.5]]", 2);
        double logp = noise.logProb(Tensor.of(Tensor.DEFAULT_TYPE, new double[][] {{2, 2}})).toDoubleArray()[0];
        // log N((2,2); (1,2), diag(2, .5)) = −½·(1/2) − log(2π) − ½ log(1)
        assertThat(logp).isCloseTo(-0.25 - Math.log(2 * Math.PI), offset(1e-5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"gaussian", "diagonal-gaussian", "gaussian-mixture", "uniform"})
    void stateRestoresTheFittedDistribution(String name) {
        try (RandomSource random = RandomSource.seeded(5)) {
            NoiseDistribution noise = fitted(name, random);
            Map<String, INDArray> state = noise.state();
            NoiseDistribution fresh = switch (name) {
                case "gaussian" -> create(new GaussianNoiseProvider(), "", 2);
                case "diagonal-gaussian" -> create(new DiagonalGaussianNoiseProvider(), "", 2);
                case "gaussian-mixture" -> create(new MixtureNoiseProvider(), "components = 3", 2);
                default -> create(new UniformNoiseProvider(), "margin = 0.5", 2);
            };
            assertThatThrownBy(() -> fresh.logProb(Tensor.zeros(Tensor.DEFAULT_TYPE, 1, 2))).hasMessageContaining("not fitted");
            fresh.restore(state);
            Tensor x = noise.sample(50, random);
            assertThat(fresh.logProb(x).toDoubleArray()).containsExactly(noise.logProb(x).toDoubleArray(), offset(1e-6));
        }
    }

    @Test
    void uniformIsMinusInfinityOutsideItsBox() {
        try (RandomSource random = RandomSource.seeded(6)) {
            NoiseDistribution noise = create(new UniformNoiseProvider(), "margin = 0", 2);
            noise.fit(dataset(Nd4j.createFromArray(new double[][] {{0, 0}, {2, 4}})), random);
            double[] logp = noise.logProb(Tensor.of(Tensor.DEFAULT_TYPE, new double[][] {{1, 1}, {3, 1}, {1, -1}})).toDoubleArray();
            assertThat(logp[0]).isCloseTo(-Math.log(8), offset(1e-6));
            // the box is closed: its corners and edges (where a float draw can round to) are inside
            double[] edges = noise.logProb(Tensor.of(Tensor.DEFAULT_TYPE, new double[][] {{2, 4}, {0, 0}, {2, 1}})).toDoubleArray();
            assertThat(edges).containsExactly(new double[] {-Math.log(8), -Math.log(8), -Math.log(8)}, offset(1e-6));
            assertThat(logp[1]).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(logp[2]).isEqualTo(Double.NEGATIVE_INFINITY);
        }
    }

    @Test
    void badSettingsAreNamed() {
        assertThatThrownBy(() -> create(new GaussianNoiseProvider(), "covariance = [[1, 2], [2, 1]]", 2))
                .isInstanceOf(ConfigException.class).hasMessageContaining("covariance").hasMessageContaining("positive definite");
        assertThatThrownBy(() -> create(new GaussianNoiseProvider(), "mean = [1, 2, 3]", 2))
                .isInstanceOf(ConfigException.class).hasMessageContaining("3 entries");
        assertThatThrownBy(() -> create(new MixtureNoiseProvider(), "components = 0", 2))
                .isInstanceOf(ConfigException.class).hasMessageContaining("components");
        assertThat(List.of(new GaussianNoiseProvider().name(), new DiagonalGaussianNoiseProvider().name(),
                new MixtureNoiseProvider().name(), new UniformNoiseProvider().name()))
                .containsExactly("gaussian", "diagonal-gaussian", "gaussian-mixture", "uniform");
    }
}
