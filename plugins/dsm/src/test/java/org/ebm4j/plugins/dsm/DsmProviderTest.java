package org.ebm4j.plugins.dsm;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.random.RandomSource;
import org.junit.jupiter.api.Test;

class DsmProviderTest {

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

    @Test
    void sigmaMustBePositive() {
        for (String bad : new String[] {"sigma = 0", "sigma = -0.1", "sigma = fuzzy"}) {
            assertThatThrownBy(() -> new DsmProvider().create(ConfigFactory.parseString(bad), CONTEXT))
                    .as(bad).isInstanceOf(ConfigException.class).hasMessageContaining("sigma");
        }
    }

    @Test
    void severalLevelsNeedSigmaMaxAboveSigmaMin() {
        Config bad = ConfigFactory.parseString("levels = 4, sigma = 0.1, sigma-max = 0.05, sigma-min = 0.1");
        assertThatThrownBy(() -> new DsmProvider().create(bad, CONTEXT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("sigma-max").hasMessageContaining("greater than sigma-min");
    }

    @Test
    void levelsBuildTheGeometricSchedule() {
        Config ok = ConfigFactory.parseString("levels = 3, sigma = 0.1, sigma-max = 1.0, sigma-min = 0.01");
        DenoisingScoreMatching dsm = (DenoisingScoreMatching) new DsmProvider().create(ok, CONTEXT);
        org.assertj.core.api.Assertions.assertThat(dsm.levels().sigmas()).containsExactly(new double[] {1.0, 0.1, 0.01},
                org.assertj.core.api.Assertions.within(1e-12));
    }

    /** Multi-noise DSM with a plain energy is refused when the experiment is checked, not at step 1. */
    @Test
    void multiNoiseDsmWithAPlainModelFailsTheCheck() {
        var dsm = new DsmProvider().create(ConfigFactory.parseString("levels = 3, sigma = 0.1, sigma-max = 1.0, sigma-min = 0.01"), CONTEXT);
        var plain = org.ebm4j.testkit.ContractSupport.tinyEnergy(2, 1);
        var data = org.ebm4j.testkit.ContractSupport.standardData(2, 1);
        assertThatThrownBy(() -> dsm.check(plain, data, 64)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("levels").hasMessageContaining("noise-conditional");
        dsm.check(org.ebm4j.api.model.NoiseConditionalEnergy.scaled(plain, 0.01), data, 64);
        new DsmProvider().create(ConfigFactory.parseString("levels = 1, sigma = 0.1, sigma-max = 1.0, sigma-min = 0.01"), CONTEXT).check(plain, data, 64); // any energy
    }
}
