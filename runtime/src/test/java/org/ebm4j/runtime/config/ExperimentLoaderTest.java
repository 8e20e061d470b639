package org.ebm4j.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebm4j.api.ConfigException;
import org.ebm4j.runtime.fixtures.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentLoaderTest {

    @TempDir
    Path dir;

    private final ExperimentLoader loader = Fixtures.loader();

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static final String GOOD = """
            data { type = test-gaussian, mean = -2 }
            model { type = test-quadratic }
            objective { type = mean-energy }
            train { steps = 100, optimizer { type = sgd, learning-rate = 0.1 } }
            """;

    @Test
    void layersOverridesFileAndDefaults() throws IOException {
        ExperimentSpec spec = loader.load(file("gauss.conf", GOOD), List.of("train.batch-size=32", "data.dimension = 3"));
        assertThat(spec.name()).isEqualTo("gauss");
        assertThat(spec.train().steps()).isEqualTo(100);
        assertThat(spec.train().batchSize()).isEqualTo(32);
        assertThat(spec.train().logEvery()).isEqualTo(100); // runtime default
        assertThat(spec.train().optimizer().name()).isEqualTo("sgd");
        assertThat(spec.data().settings().getDouble("mean")).isEqualTo(-2.0);     // file
        assertThat(spec.data().settings().getInt("dimension")).isEqualTo(3);      // --set
        assertThat(spec.data().settings().getInt("train-size")).isEqualTo(2000);  // plugin default
        assertThat(spec.resolved().getInt("data.train-size")).isEqualTo(2000);
        assertThat(ExperimentLoader.render(spec.resolved())).contains("test-gaussian").contains("batch-size");
    }

    @Test
    void everyProblemIsReportedAtOnceWithKeyFileAndWhatIsAllowed() throws IOException {
        Path f = file("bad.conf", """
                data { type = test-gaussian, meen = 1 }
                objective { type = mean-enrgy }
                train { batch-size = 0, steps = -1, optimizer { type = adamw } }
                """);
        assertThatThrownBy(() -> loader.load(f, List.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> {
                    assertThat(e.problems()).hasSize(6);
                    assertThat(e.getMessage())
                            .contains("bad.conf: 1: data.meen: is not a setting of data 'test-gaussian'; its settings: dimension, mean, poison, test-size, train-size")
                            .contains("model: is missing").contains("test-quadratic")
                            .contains("bad.conf: 2: objective.type: Unknown objective 'mean-enrgy' (did you mean 'mean-energy'?)")
                            .contains("train.batch-size: must be >= 1, got 0")
                            .contains("train.steps: must be >= 0, got -1")
                            .contains("train.optimizer.type: Unknown optimizer 'adamw'");
                });
    }

    @Test
    void wrongTypesNameTheKey() throws IOException {
        Path f = file("types.conf", GOOD + "\ntrain.steps = lots\n");
        assertThatThrownBy(() -> loader.load(f, List.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("types.conf: 6: train.steps: has the wrong type: STRING rather than NUMBER");
    }

    @Test
    void syntaxErrorsGiveTheLine() throws IOException {
        Path f = file("syntax.conf", "data { type = test-gaussian\nmodel { type = \n");
        assertThatThrownBy(() -> loader.load(f, List.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("syntax.conf: ");
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.conf"), List.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("nope.conf").hasMessageContaining("no such file");
    }

    @Test
    void malformedOverridesAreReported() throws IOException {
        assertThatThrownBy(() -> loader.load(file("g.conf", GOOD), List.of("train.steps")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("key=value");
    }

    @Test
    void unknownSettingsAreFoundAtAnyDepthOfTrainAndOfAComponentsGroups() throws IOException {
        Path f = Files.writeString(dir.resolve("deep.conf"), """
                data { type = test-gaussian }
                model { type = test-quadratic }
                objective { type = mean-energy }
                train { optimzer { type = adam }, early-stopping { pateince = 3 } }
                """);
        assertThatThrownBy(() -> loader.load(f, List.of()))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).extracting(ConfigException.Problem::key)
                        .contains("train.optimzer", "train.early-stopping.pateince"))
                .hasMessageContaining("is not a setting of train's 'early-stopping'").hasMessageContaining("patience");
    }

    @Test
    void relativeFilePathsResolveAgainstTheFolderOfTheFileThatSetsThem() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("experiments"));
        Path shared = Files.createDirectories(dir.resolve("shared"));
        Files.writeString(shared.resolve("data.conf"), "data { test-path = \"held-out.csv\" }\n");
        Path experiment = Files.writeString(sub.resolve("mine.conf"), """
                include "../shared/data.conf"
                data { path = "../data/train.csv", other = "not-a-path.csv", nested { source-path = "x.npy" } }
                elsewhere = { path = "/already/absolute.csv" }
                """);
        com.typesafe.config.Config c = ExperimentLoader.withAbsolutePaths(ExperimentLoader.parse(experiment), experiment);
        assertThat(c.getString("data.path")).isEqualTo(dir.resolve("data/train.csv").toAbsolutePath().normalize().toString());
        assertThat(c.getString("data.test-path")).isEqualTo(shared.resolve("held-out.csv").toAbsolutePath().normalize().toString());
        assertThat(c.getString("data.nested.source-path")).isEqualTo(sub.resolve("x.npy").toAbsolutePath().normalize().toString());
        assertThat(c.getString("data.other")).isEqualTo("not-a-path.csv");
        assertThat(c.getString("elsewhere.path")).isEqualTo("/already/absolute.csv");
        assertThat(c.getValue("data.path").origin().lineNumber()).isEqualTo(2); // errors still point at the user's line
    }
}
