package org.ebm4j.plugins.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.random.RandomSource;
import org.junit.jupiter.api.Test;

class GaussianMixtureProviderTest {

    private static final ComponentContext CONTEXT = new ComponentContext() {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public RandomSource random() {
            return RandomSource.seeded(0);
        }

        @Override
        public <T> T create(Class<T> kind, String key) {
            throw new UnsupportedOperationException();
        }
    };

    private static final Config DEFAULTS = ConfigFactory.parseResources(GaussianMixtureProvider.class, "/reference.conf")
            .getConfig("ebm.model.\"gaussian-mixture\"");

    private static GaussianMixtureEnergy create(String settings) {
        Object model = new GaussianMixtureProvider().create(ConfigFactory.parseString(settings).withFallback(DEFAULTS), CONTEXT);
        return model instanceof BlurredGaussianMixture blurred ? blurred.mixture() : (GaussianMixtureEnergy) model;
    }

    @Test
    void buildsTheMixtureWritten() {
        GaussianMixtureEnergy m = create("""
                means = [[5, 5], [-5, -5]]
                weights = [0.8, 0.2]
                covariances = [[[1, 0], [0, 1]], [[2, 0.5], [0.5, 1]]]
                learn-weights = false
                """);
        assertThat(m.weights()).containsExactly(new double[] {0.8, 0.2}, within(1e-6));
        assertThat(m.mean(1)).containsExactly(new double[] {-5, -5}, within(1e-6));
        // precision of the second component = inverse of [[2, .5], [.5, 1]] = [[1, -.5], [-.5, 2]] / 1.75
        assertThat(m.precision(1).getDouble(0, 1)).isCloseTo(-0.5 / 1.75, within(1e-5));
        assertThat(m.parameters().names()).doesNotContain("logits");
    }

    @Test
    void defaultsDrawRandomMeansWithEqualWeights() {
        GaussianMixtureEnergy m = create("components = 3");
        assertThat(m.weights()).containsExactly(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0}, within(1e-6));
        assertThat(m.mean(0)).isNotEqualTo(m.mean(1));
    }

    @Test
    void badSettingsAreNamedTogether() {
        assertThatThrownBy(() -> create("""
                means = [[0, 0], [1, 1]]
                weights = [0.5, 0.6]
                covariances = [[[1, 0], [0, 1]]]
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("weights").hasMessageContaining("sum to 1")
                .hasMessageContaining("covariances").hasMessageContaining("1 matrices for 2 components");
        assertThatThrownBy(() -> create("means = [[0, 0, 0]]")).hasMessageContaining("means").hasMessageContaining("2 entries");
        assertThatThrownBy(() -> create("means = [[0, 0]], covariances = [[[1, 2], [2, 1]]]"))
                .hasMessageContaining("covariances").hasMessageContaining("positive definite");
    }

    @Test
    void fixedCovariancesMakeTheModelNoiseConditionalAndLearntOnesDoNot() {
        Config fixed = ConfigFactory.parseString("means = [[1, 0], [0, 1]], learn-covariances = false").withFallback(DEFAULTS);
        Config learnt = ConfigFactory.parseString("means = [[1, 0], [0, 1]]").withFallback(DEFAULTS);
        assertThat(new GaussianMixtureProvider().create(fixed, CONTEXT)).isInstanceOf(org.ebm4j.api.model.NoiseConditionalEnergy.class);
        assertThat(new GaussianMixtureProvider().create(learnt, CONTEXT)).isNotInstanceOf(org.ebm4j.api.model.NoiseConditionalEnergy.class);
    }
}
