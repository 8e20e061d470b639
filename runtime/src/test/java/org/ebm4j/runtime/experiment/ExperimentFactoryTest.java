package org.ebm4j.runtime.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebm4j.api.ConfigException;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.fixtures.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentFactoryTest {

    @TempDir
    Path dir;

    private final com.google.inject.Injector injector = Fixtures.injector();
    private final ExperimentLoader loader = injector.getInstance(ExperimentLoader.class);

    private Experiment create(String... overrides) throws IOException {
        Path f = Files.writeString(dir.resolve("e.conf"), """
                data { type = test-gaussian }
                model { type = test-quadratic }
                objective { type = mean-energy }
                """);
        return injector.getInstance(ExperimentFactory.class).create(loader.load(f, List.of(overrides)));
    }

    @Test
    void componentsGetTheDataDimensionAndTheirOwnSeededStreams() throws IOException {
        Experiment a = create("data.dimension=3");
        assertThat(a.model().dimension()).isEqualTo(3);
        assertThat(create("data.dimension=3").model().parameters().snapshot()).isEqualTo(a.model().parameters().snapshot());
        assertThat(create("data.dimension=3", "seed=1").model().parameters().snapshot()).isNotEqualTo(a.model().parameters().snapshot());
    }

    @Test
    void aModelWhoseDimensionDiffersFromTheDataIsAConfigurationError() {
        assertThatThrownBy(() -> create("model.dimension=5"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("dimension 5").hasMessageContaining("dimension 2");
    }

    @Test
    void dataWithNaNIsRefusedBeforeTraining() {
        assertThatThrownBy(() -> create("data.poison=true"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("NaN");
    }

    @Test
    void providersReportTheirOwnSettingsProblemsWithTheFullKey() {
        assertThatThrownBy(() -> create("data.train-size=0", "data.test-size=-3"))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigException.Problem::key)
                        .containsExactly("data.train-size", "data.test-size"));
    }

    @Test
    void nestedComponentsAreCheckedAgainstTheirOwnSettingsAndNamedByTheirFullKey() throws IOException {
        assertThat(create("objective.type=test-nested", "objective.sampler.steps=3").trainable()).isNotNull();
        assertThatThrownBy(() -> create("objective.type=test-nested", "objective.sampler.stepsize=3"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("objective.sampler.stepsize")
                .hasMessageContaining("is not a setting of sampler 'test-langevin'").hasMessageContaining("its settings: step-size, steps");
        assertThatThrownBy(() -> create("objective.type=test-nested", "objective.sampler.type=test-langevn"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("objective.sampler.type").hasMessageContaining("test-langevin");
    }
}
