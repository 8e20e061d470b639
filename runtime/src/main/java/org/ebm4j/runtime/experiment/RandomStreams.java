package org.ebm4j.runtime.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.random.RandomSource;

/**
 * Every random number of a run comes from here: streams by role ({@code data}, {@code model}, {@code objective},
 * {@code batches}, {@code objective.sampler}, ...), each split from the root seed by its name, so adding a role never
 * shifts another. {@link #stream} streams are checkpointed and restored, so a resumed run draws the same numbers;
 * {@link #derive} streams start from the same place every time (a held-out split, a fixed validation noise).
 */
public final class RandomStreams implements AutoCloseable {

    private final long seed;
    private final RandomSource root;
    private final Map<String, RandomSource> byRole = new LinkedHashMap<>();

    public RandomStreams(long seed) {
        this.seed = seed;
        this.root = RandomSource.seeded(seed);
    }

    public long seed() {
        return seed;
    }

    /** The stream of {@code role}; the same object every time it is asked for; its position is checkpointed. */
    public synchronized RandomSource stream(String role) {
        return byRole.computeIfAbsent(role, root::split);
    }

    /**
     * A new stream for {@code role}, at the start of that role's sequence however often it is asked for and whatever
     * was restored: for draws that must be the same in a resumed run. Not checkpointed; the caller closes it.
     */
    public RandomSource derive(String role) {
        return root.split(role); // a split depends on the seed and the name only
    }

    public synchronized Map<String, RandomSource.State> states() {
        Map<String, RandomSource.State> states = new LinkedHashMap<>();
        byRole.forEach((role, s) -> states.put(role, s.state()));
        return Collections.unmodifiableMap(states);
    }

    public synchronized void restore(Map<String, RandomSource.State> states) {
        states.forEach((role, state) -> stream(role).restore(state));
    }

    @Override
    public synchronized void close() {
        byRole.values().forEach(RandomSource::close);
        byRole.clear();
        root.close();
    }
}
