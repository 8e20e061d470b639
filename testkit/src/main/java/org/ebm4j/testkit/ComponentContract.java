package org.ebm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.util.Map;
import org.ebm4j.api.component.ComponentProvider;
import org.junit.jupiter.api.Test;

/**
 * What every component must satisfy, whatever its kind: a stable, well-formed name and a description; a
 * {@code reference.conf} entry {@code ebm.<kind>.<name>} with a comment on every setting, which holds every setting
 * the tests set; a configuration that survives rendering and parsing; and the same behaviour from the same seed.
 * A kind's contract says what "behaviour" is ({@link #fingerprint}); a plugin's test extends that contract.
 *
 * @param <T> the component type
 */
public abstract class ComponentContract<T> {

    /** The provider under test. */
    protected abstract ComponentProvider<T> provider();

    /** The kind's key in {@code ebm.<kind>.<name>}: {@code objective}, {@code sampler}, {@code noise}, {@code model}, {@code data}, {@code evaluator}. */
    protected abstract String kind();

    /**
     * Settings over the defaults for these tests (HOCON), e.g. fewer steps; every key must exist in the defaults.
     * Empty by default.
     */
    protected String testSettings() {
        return "";
    }

    /** The data dimension the component is built for. */
    protected int dimension() {
        return 2;
    }

    /** Providers of components this one creates by name (a sampler inside an objective), with their kinds. */
    protected Map<ComponentProvider<?>, String> nestedProviders() {
        return Map.of();
    }

    /** Numbers that describe what the component does from {@code seed}: equal numbers, equal behaviour. */
    protected abstract double[] fingerprint(T component, long seed);

    /**
     * The settings the component gets from {@link #testSettings()}: its defaults and those of its nested components
     * filled in and resolved by the runtime's resolver, as a run folder's {@code config.conf} would show them.
     */
    protected final Config settings() {
        Config defaults = ContractSupport.defaults(provider(), kind());
        assertThat(defaults).as("reference.conf entry ebm.%s.\"%s\"", kind(), provider().name()).isNotNull();
        return ContractSupport.resolvedSettings(provider(), kind(), ConfigFactory.parseString(testSettings()), nestedProviders());
    }

    /** The component built from {@code settings} (as an experiment builds it) with streams seeded by {@code seed}. */
    protected final T create(Config settings, long seed) {
        return ContractSupport.build(provider(), kind(), settings, nestedProviders(), dimension(), seed);
    }

    /** The component from its test settings. */
    protected final T create(long seed) {
        return create(ConfigFactory.parseString(testSettings()), seed);
    }

    @Test
    void hasAStableWellFormedNameAndADescription() {
        String name = provider().name();
        assertThat(name).as("name").matches("[a-z0-9]+(-[a-z0-9]+)*").isEqualTo(provider().name());
        assertThat(provider().description()).as("description of '%s'", name).isNotBlank();
    }

    @Test
    void referenceConfDocumentsEverySettingAndHoldsTheOnesTheTestsSet() {
        Config defaults = ContractSupport.defaults(provider(), kind());
        assertThat(defaults).as("reference.conf entry ebm.%s.\"%s\"", kind(), provider().name()).isNotNull();
        for (Map.Entry<String, ConfigValue> e : defaults.root().entrySet()) {
            assertThat(e.getValue().origin().comments()).as("comment on setting '%s' of %s '%s' in reference.conf", e.getKey(), kind(), provider().name())
                    .isNotEmpty();
        }
        // a nested component's own settings (objective.noise.layers) belong to that component's defaults
        for (String key : ConfigFactory.parseString(testSettings()).root().keySet()) {
            assertThat(defaults.hasPathOrNull(key)).as("test setting '%s' is a documented setting of '%s'", key, provider().name()).isTrue();
        }
    }

    @Test
    void configurationSurvivesRenderingAndParsing() {
        Config settings = settings();
        String rendered = settings.root().render(ConfigRenderOptions.defaults().setOriginComments(false));
        Config reparsed = ConfigFactory.parseString(rendered);
        assertThat(reparsed).isEqualTo(settings);
        assertThat(fingerprint(create(reparsed, 7), 11)).containsExactly(fingerprint(create(settings, 7), 11));
    }

    @Test
    void theSameSeedGivesTheSameBehaviour() {
        double[] a = fingerprint(create(5), 13);
        double[] b = fingerprint(create(5), 13);
        assertThat(a).as("fingerprint").isNotEmpty().containsExactly(b);
        for (double v : a) {
            assertThat(v).as("fingerprint entries are finite").isFinite();
        }
    }
}
