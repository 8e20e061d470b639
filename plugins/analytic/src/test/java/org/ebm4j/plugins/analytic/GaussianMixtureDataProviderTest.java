package org.ebm4j.plugins.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

class GaussianMixtureDataProviderTest {

    private static final Config DEFAULTS = ConfigFactory.parseResources(GaussianMixtureDataProvider.class, "/reference.conf")
            .getConfig("ebm.data.\"gaussian-mixture\"");

    private static final ComponentContext CONTEXT = new ComponentContext() {
        @Override
        public int dimension() {
            throw new IllegalStateException("a data source defines the dimension");
        }

        @Override
        public RandomSource random() {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> T create(Class<T> kind, String key) {
            throw new UnsupportedOperationException();
        }
    };

    private static Dataset load(String settings, long seed) {
        try (RandomSource random = RandomSource.seeded(seed)) {
            return new GaussianMixtureDataProvider().create(ConfigFactory.parseString(settings).withFallback(DEFAULTS), CONTEXT).load(random);
        }
    }

    @Test
    void drawsHaveTheWeightsMeansAndCovariancesWritten() {
        int n = 40_000;
        Dataset data = load("""
                means = [[5, 5], [-5, -5]]
                weights = [0.8, 0.2]
                covariances = [[[1, 0], [0, 1]], [[2, 0.5], [0.5, 1]]]
                train-size = 40000
                """, 7);
        INDArray x = data.train().castTo(DataType.DOUBLE);
        assertThat(x.shape()).containsExactly(n, 2);
        INDArray first = x.getColumn(0).gt(0);
        int inFirst = first.castTo(DataType.INT32).sumNumber().intValue();
        // binomial proportion: 5 standard errors
        assertThat(inFirst / (double) n).isCloseTo(0.8, offset(5 * Math.sqrt(0.8 * 0.2 / n)));
        INDArray second = x.getRows(rows(first, false));
        int m = second.rows();
        INDArray mean = second.mean(true, 0);
        assertThat(mean.getDouble(0, 0)).isCloseTo(-5, offset(5 * Math.sqrt(2.0 / m)));
        assertThat(mean.getDouble(0, 1)).isCloseTo(-5, offset(5 * Math.sqrt(1.0 / m)));
        INDArray c = second.subRowVector(mean);
        INDArray cov = c.transpose().mmul(c).divi(m - 1);
        assertThat(cov.getDouble(0, 0)).isCloseTo(2, offset(5 * Math.sqrt(2 * 4.0 / m)));
        assertThat(cov.getDouble(0, 1)).isCloseTo(0.5, offset(5 * Math.sqrt((2 * 1 + 0.25) / (double) m)));
        assertThat(data.test().rows()).isEqualTo(5000);
    }

    @Test
    void aSeedGivesTheSameDrawsAndTrainAndTestDiffer() {
        String s = "means = [[0, 0, 0]], train-size = 50, test-size = 50";
        assertThat(load(s, 3).train()).isEqualTo(load(s, 3).train());
        assertThat(load(s, 3).train()).isNotEqualTo(load(s, 3).test());
        assertThat(load(s, 3).dimension()).isEqualTo(3);
    }

    @Test
    void badSettingsAreReportedByKey() {
        assertThatThrownBy(() -> load("means = []", 0)).isInstanceOf(ConfigException.class).hasMessageContaining("means")
                .hasMessageContaining("is required");
        assertThatThrownBy(() -> load("means = [[0, 0], [1]]", 0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("same, non-zero number of entries");
        assertThatThrownBy(() -> load("means = [[0, 0], [1, 1]], weights = [0.5, 0.6]", 0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("weights").hasMessageContaining("sum to 1");
        assertThatThrownBy(() -> load("means = [[0, 0]], covariances = [[[1, 2], [2, 1]]]", 0)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("positive definite");
    }

    private static int[] rows(INDArray mask, boolean value) {
        return java.util.stream.IntStream.range(0, (int) mask.length()).filter(i -> (mask.getDouble(i) != 0) == value).toArray();
    }
}
