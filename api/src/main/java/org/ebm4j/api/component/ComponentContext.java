package org.ebm4j.api.component;

import org.ebm4j.api.random.RandomSource;

/**
 * What the runtime hands a provider: the data dimension, seeded randomness, and the components nested in this
 * component's settings.
 */
public interface ComponentContext {

    /** Dimension {@code d} of the data the experiment trains on. */
    int dimension();

    /**
     * The shape of one row of the data when its source says the rows are images, {@code [channels, height, width]}
     * ({@link org.ebm4j.api.data.Dataset#rowShape()}); empty for plain vectors, and while the data source itself is
     * created.
     */
    default java.util.List<Integer> rowShape() {
        return java.util.List.of();
    }

    /**
     * The random stream of this component, derived from the run's seed and the component's place in the experiment,
     * so adding a component never shifts another's numbers. Ask for sub-streams with {@link RandomSource#split(String)}.
     */
    RandomSource random();

    /**
     * Creates the component nested at {@code key} of this component's settings, e.g. the sampler CD draws its
     * negatives with. A plugin declares it in its {@code reference.conf} as a section with a {@code type}; the key
     * names the kind, or the section says it with {@code kind}:
     * <pre>{@code
     * ebm.objective.cd {
     *   sampler { type = ula, steps = 20 }           # a sampler: the key is a kind
     *   init { kind = noise, type = uniform }        # any other key: say the kind
     * }
     * }</pre>
     * By the time {@code create} is called the runtime has merged the nested component's own defaults under it,
     * checked its settings, and resolved every substitution; a user replaces it with another {@code type} (or
     * {@code init = gaussian}, short for {@code init { type = gaussian }}), and the defaults of the old type then
     * no longer apply.
     *
     * @param kind what kind of component it is ({@code Sampler.class}, {@code NoiseDistribution.class}, ...)
     * @param key  the key of the nested section in this component's settings, e.g. {@code sampler}
     * @throws org.ebm4j.api.ConfigException if it cannot be built (the key names the full path, e.g. {@code objective.sampler})
     */
    <T> T create(Class<T> kind, String key);
}
