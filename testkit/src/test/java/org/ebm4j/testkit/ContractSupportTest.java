package org.ebm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerProvider;
import org.junit.jupiter.api.Test;

/**
 * The testkit builds components exactly as an experiment does (it used to read defaults its own way, and a nested
 * component written as a name, or replaced, lost its defaults): through the runtime's resolver.
 */
class ContractSupportTest {

    /** The settings the nested sampler was last created with. */
    private static final AtomicReference<Config> NESTED = new AtomicReference<>();

    private static final SamplerProvider STILL = new SamplerProvider() {
        @Override
        public String name() {
            return "kit-still";
        }

        @Override
        public String description() {
            return "keeps its settings";
        }

        @Override
        public Sampler create(Config settings, ComponentContext context) {
            NESTED.set(settings);
            return (model, init, ctx) -> new SampleResult(init, Map.of());
        }
    };

    private static final ObjectiveProvider NESTING = new ObjectiveProvider() {
        @Override
        public String name() {
            return "kit-nesting";
        }

        @Override
        public String description() {
            return "creates its sampler by key";
        }

        @Override
        public Objective create(Config settings, ComponentContext context) {
            context.create(Sampler.class, "sampler");
            return (model, batch, step) -> Losses.of(null);
        }
    };

    private static Config nestedSettingsFrom(String settings) {
        ContractSupport.build(NESTING, "objective", ConfigFactory.parseString(settings), Map.of(STILL, "sampler"), 2, 1);
        return NESTED.get();
    }

    @Test
    void aNestedComponentGetsTheRecommendationOverItsOwnDefaults() {
        Config s = nestedSettingsFrom("");
        assertThat(s.getInt("repeats")).isEqualTo(2);
        assertThat(s.getDouble("scale")).isEqualTo(3.0);
    }

    @Test
    void aNestedComponentWrittenAsItsNameGetsItsDefaults() {
        Config s = nestedSettingsFrom("sampler = kit-still");
        assertThat(s.getInt("repeats")).isEqualTo(2);
        assertThat(s.getDouble("scale")).isEqualTo(3.0);
        assertThat(nestedSettingsFrom("sampler { scale = 5 }").getDouble("scale")).isEqualTo(5.0);
    }

    @Test
    void unknownNestedSettingsAreRefusedWithTheirFullKey() {
        assertThatThrownBy(() -> nestedSettingsFrom("sampler { scael = 5 }")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("component.sampler.scael").hasMessageContaining("its settings: repeats, scale");
    }

    @Test
    void theResolvedSettingsShowEveryDefault() {
        Config s = ContractSupport.resolvedSettings(NESTING, "objective", ConfigFactory.empty(), Map.of(STILL, "sampler"));
        assertThat(s.getDouble("sampler.scale")).isEqualTo(3.0);
        assertThat(s.getString("sampler.type")).isEqualTo("kit-still");
    }
}
