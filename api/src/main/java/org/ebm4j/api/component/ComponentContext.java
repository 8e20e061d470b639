package org.ebm4j.api.component;

import com.typesafe.config.Config;
import org.ebm4j.api.random.RandomSource;

/**
 * What the runtime hands a provider: the data dimension, seeded randomness, and other components by name.
 */
public interface ComponentContext {

    /** Dimension {@code d} of the data the experiment trains on. */
    int dimension();

    /**
     * The random stream of this component, derived from the run's seed and the component's role, so adding a
     * component never shifts another's numbers. Ask for sub-streams with {@link RandomSource#split(String)}.
     */
    RandomSource random();

    /**
     * Creates another component, e.g. the sampler CD uses for its negatives. {@code spec} names it with
     * {@code type} and holds its settings, as an experiment file would:
     * <pre>{@code
     * sampler { type = ula, steps = 20, step-size = 0.01 }
     * }</pre>
     *
     * @param kind what kind of component to create
     * @param spec the component's section: {@code type} plus settings overriding its defaults
     */
    <T> T create(Class<T> kind, Config spec);
}
