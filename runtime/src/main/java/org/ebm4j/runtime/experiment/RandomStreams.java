package org.ebm4j.runtime.experiment;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.random.RandomSource;

/**
 * The run's random streams by role ({@code data}, {@code model}, {@code objective}, {@code batches}, ...), all
 * split from the root seed. Their states are what a checkpoint saves so a resumed run draws the same numbers.
 */
public final class RandomStreams {

    private final RandomSource root;
    private final Map<String, RandomSource> byRole = new LinkedHashMap<>();

    public RandomStreams(long seed) {
        this.root = RandomSource.seeded(seed);
    }

    /** The stream of {@code role}; the same object every time it is asked for. */
    public RandomSource stream(String role) {
        return byRole.computeIfAbsent(role, root::split);
    }

    public Map<String, RandomSource.State> states() {
        Map<String, RandomSource.State> states = new LinkedHashMap<>();
        byRole.forEach((role, s) -> states.put(role, s.state()));
        return Collections.unmodifiableMap(states);
    }

    public void restore(Map<String, RandomSource.State> states) {
        states.forEach((role, state) -> stream(role).restore(state));
    }
}
