package org.ebm4j.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebm4j.api.ConfigException;
import org.ebm4j.runtime.fixtures.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one resolver of component settings (issue 12, problems 1 and 2): defaults are merged before the user's file is
 * resolved, nested components are resolved as top-level ones, names and {@code null} replace components, and every
 * message has the full key.
 */
class ComponentResolverTest {

    private static final String BASE = """
            data { type = test-gaussian }
            model { type = test-quadratic }
            """;

    @TempDir
    Path dir;

    private final ExperimentLoader loader = Fixtures.loader();

    private ExperimentSpec load(String text, String... overrides) throws IOException {
        return loader.load(Files.writeString(dir.resolve("e.conf"), text), List.of(overrides));
    }

    @Test
    void aNestedSettingsProblemIsReportedWithItsFullKey() {
        assertThatThrownBy(() -> Fixtures.injector().getInstance(org.ebm4j.runtime.experiment.ExperimentFactory.class)
                .create(load(BASE + "objective { type = test-nested }", "objective.sampler.steps=-1")))
                .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.key()).isEqualTo("objective.sampler.steps");
                    assertThat(p.origin()).contains("--set objective.sampler.steps=-1");
                }));
    }

    @Test
    void theResolvedExperimentHoldsEveryDefaultOfNestedComponents() throws IOException {
        Config resolved = load(BASE + "objective { type = test-nested }").resolved();
        // the objective's recommendation for its sampler, over the sampler's own defaults
        assertThat(resolved.getInt("objective.sampler.steps")).isEqualTo(20);
        assertThat(resolved.getDouble("objective.sampler.step-size")).isEqualTo(0.1);
        assertThat(resolved.getDouble("objective.weight")).isEqualTo(1.0);
        assertThat(resolved.getInt("data.train-size")).isEqualTo(2000);
        assertThat(resolved.getString("train.optimizer.type")).isEqualTo("adam");
        // and what config.conf renders reads back to the same experiment
        Path rendered = Files.writeString(dir.resolve("config.conf"), ExperimentLoader.render(resolved));
        assertThat(loader.load(rendered, List.of()).resolved()).isEqualTo(resolved);
    }

    @Test
    void substitutionsSeeThePluginsDefaults() throws IOException {
        ExperimentSpec spec = load(BASE.replace("model { type = test-quadratic }",
                "model { type = test-quadratic, dimension = ${data.dimension} }"));
        assertThat(spec.resolved().getInt("model.dimension")).isEqualTo(2);
        assertThat(spec.model().settings().getInt("dimension")).isEqualTo(2);
    }

    @Test
    void aComponentReplacedAfterNullGetsItsDefaults() throws IOException {
        // the way to swap a component of an included experiment: HOCON ignores fallbacks of an object over null
        ExperimentSpec spec = load(BASE + """
                objective { type = mean-energy }
                objective = null
                objective { type = test-nested }
                """);
        assertThat(spec.objective().orElseThrow().type()).isEqualTo("test-nested");
        assertThat(spec.resolved().getDouble("objective.weight")).isEqualTo(1.0);
        assertThat(spec.resolved().getInt("objective.sampler.steps")).isEqualTo(20);
    }

    @Test
    void nullRemovesAnOptionalComponent() throws IOException {
        ExperimentSpec spec = load(BASE + "objective { type = mean-energy }\nobjective = null\n");
        assertThat(spec.objective()).isEmpty();
        assertThat(spec.resolved().hasPathOrNull("objective")).isFalse();
    }

    @Test
    void aNameAloneIsAComponentWithItsDefaults() throws IOException {
        ExperimentSpec spec = load(BASE + "objective = test-nested\nsampler = test-langevin\n");
        assertThat(spec.resolved().getInt("objective.sampler.steps")).isEqualTo(20);
        assertThat(spec.resolved().getDouble("sampler.step-size")).isEqualTo(0.1);
        assertThat(spec.resolved().getString("sampler.type")).isEqualTo("test-langevin");
    }

    @Test
    void anotherTypeDropsTheRecommendedSettingsOfTheOldOne() throws IOException {
        // test-nested recommends steps = 20 for its test-langevin; test-still has no `steps`
        ExperimentSpec byName = load(BASE + "objective { type = test-nested, sampler = test-still }");
        assertThat(byName.resolved().getConfig("objective.sampler").root().keySet()).containsExactlyInAnyOrder("type", "repeats");
        ExperimentSpec bySection = load(BASE + "objective { type = test-nested, sampler { type = test-still, repeats = 3 } }");
        assertThat(bySection.component("objective.sampler").orElseThrow().settings().getInt("repeats")).isEqualTo(3);
    }

    @Test
    void aNestedSectionWithoutATypeKeepsTheDeclaredOne() throws IOException {
        ExperimentSpec spec = load(BASE + "objective { type = test-nested, sampler { step-size = 0.5 } }");
        assertThat(spec.component("objective.sampler").orElseThrow().type()).isEqualTo("test-langevin");
        assertThat(spec.resolved().getInt("objective.sampler.steps")).isEqualTo(20);
        assertThat(spec.resolved().getDouble("objective.sampler.step-size")).isEqualTo(0.5);
    }

    @Test
    void unknownSettingsAndNamesAreReportedAtAnyDepthAllAtOnce() {
        assertThatThrownBy(() -> load(BASE + """
                objective { type = test-nested, wieght = 2, sampler { type = test-langevn } }
                evaluators = [ { type = test-mean-energy, scael = 2 } ]
                train.optimizer.learningrate = 5
                """)).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                .extracting(ConfigException.Problem::key).containsExactlyInAnyOrder("objective.wieght", "objective.sampler.type",
                        "evaluators[0].scael", "train.optimizer.learningrate"))
                .hasMessageContaining("did you mean 'test-langevin'").hasMessageContaining("its settings: sampler, weight");
    }

    /** The optimiser group has a `type` like a component, but its keys are checked all the same. */
    @Test
    void misspeltOptimiserSettingsAreReportedWhateverTheTypeAndHowTheyAreSet() {
        for (String extra : List.of("train.optimizer { type = sgd, learningrate = 5 }", "train.optimizer.learningrate = 5",
                "train { optimizer = { type = adam, learningrate = 5, options { beta1 = 0.8 } } }")) {
            assertThatThrownBy(() -> load(BASE + extra)).as(extra).isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems())
                    .extracting(ConfigException.Problem::key).containsExactly("train.optimizer.learningrate"))
                    .hasMessageContaining("learning-rate");
        }
    }

    @Test
    void evaluatorsGetLabelsThatTellTwoOfOneTypeApart() throws IOException {
        ExperimentSpec spec = load(BASE + """
                evaluators = [ test-mean-energy, { type = test-mean-energy, scale = 2 }, { type = test-mean-energy, label = tripled, scale = 3 } ]
                """);
        assertThat(spec.evaluators()).extracting(ComponentSpec::label).containsExactly("test-mean-energy", "test-mean-energy-2", "tripled");
        assertThat(spec.resolved().getConfigList("evaluators")).extracting(c -> c.getString("label"))
                .containsExactly("test-mean-energy", "test-mean-energy-2", "tripled");
        assertThatThrownBy(() -> load(BASE + "evaluators = [ { type = test-mean-energy, label = a }, { type = test-mean-energy, label = a } ]"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("evaluators[1].label");
    }

    @Test
    void aFailedSubstitutionNamesTheFileAndLine() {
        assertThatThrownBy(() -> load(BASE + "objective { type = test-nested, weight = ${objective.wieght} }"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("e.conf: 3").hasMessageContaining("objective.wieght");
    }

    /** A component resolved on its own (ebm describe, ebm sample --init, the testkit) gets its nested defaults too. */
    @Test
    void aSectionResolvedOnItsOwnGetsItsNestedComponentsDefaults() {
        org.ebm4j.api.component.SettingsReader r = new org.ebm4j.api.component.SettingsReader();
        ComponentResolver resolver = Fixtures.injector().getInstance(ComponentResolver.class);
        ComponentResolver.Resolution resolution = resolver.resolveSection(org.ebm4j.api.component.ComponentKind.OBJECTIVE,
                com.typesafe.config.ConfigFactory.parseString("type = test-nested"), "test-nested", r);
        assertThat(r.isEmpty()).isTrue();
        Config section = resolution.document().getConfig("test-nested");
        assertThat(section.getInt("sampler.steps")).isEqualTo(20);
        assertThat(section.getDouble("sampler.step-size")).isEqualTo(0.1);
        assertThat(resolution.components()).containsKeys("test-nested", "test-nested.sampler");
    }
}
