package org.ebm4j.api.tensor;

/**
 * Whether operations on this thread record the graph that {@link Autograd} walks back.
 *
 * <p>Recording is on by default. Samplers and evaluators switch it off with {@link #off()}, which is cheaper
 * and keeps chains from holding on to graphs:
 * <pre>{@code
 * try (GradMode.Scope ignored = GradMode.off()) {
 *     Tensor e = model.energy(x);   // no graph is recorded
 * }
 * }</pre>
 * Gradients with respect to an input can still be taken inside such a scope by re-enabling recording with
 * {@link #on()} around the forward pass (a Langevin step does that for {@code ∇ₓE}).
 */
public final class GradMode {

    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private GradMode() {}

    /** {@code true} when operations on this thread record their inputs for differentiation. */
    public static boolean isEnabled() {
        return ENABLED.get()[0];
    }

    /** Stops recording until the returned scope is closed. */
    public static Scope off() {
        return set(false);
    }

    /** Records (again) until the returned scope is closed, e.g. inside an {@link #off()} scope. */
    public static Scope on() {
        return set(true);
    }

    static Scope set(boolean enabled) {
        boolean[] flag = ENABLED.get();
        boolean previous = flag[0];
        flag[0] = enabled;
        return () -> flag[0] = previous;
    }

    /** Restores the previous mode when closed. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }
}
