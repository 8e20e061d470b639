package org.ebm4j.runtime.wiring;

import com.google.inject.ConfigurationException;
import com.google.inject.CreationException;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import java.util.function.Supplier;
import org.ebm4j.api.EbmException;

/**
 * Guice wraps what a provider throws (a {@code ConfigException} while building an experiment's components) in its own
 * exceptions; ebm4j's callers want ebm4j's: these unwrap them, so a bad setting still exits with 2 and its message.
 */
public final class Injection {

    private Injection() {}

    /** {@code injector.getInstance(type)}, with ebm4j's exception if building it failed with one. */
    public static <T> T get(Injector injector, Class<T> type) {
        return unwrapped(() -> injector.getInstance(type));
    }

    /** A child of {@code parent} with {@code modules} (whose singletons are built now, in the production stage). */
    public static Injector child(Injector parent, Module... modules) {
        return unwrapped(() -> parent.createChildInjector(modules));
    }

    private static <T> T unwrapped(Supplier<T> action) {
        try {
            return action.get();
        } catch (ProvisionException | CreationException | ConfigurationException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof EbmException ebm) {
                    throw ebm;
                }
            }
            throw e;
        }
    }
}
