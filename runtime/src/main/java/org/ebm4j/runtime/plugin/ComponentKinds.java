package org.ebm4j.runtime.plugin;

import com.google.inject.Key;
import com.google.inject.util.Types;
import java.util.Map;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.DataSourceProvider;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.eval.EvaluatorProvider;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.EnergyModelProvider;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.noise.NoiseProvider;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerProvider;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingListenerProvider;

/** Which provider interface and which component type belong to each kind, and the Guice key of each kind's map. */
public final class ComponentKinds {

    private static final Map<ComponentKind, Class<? extends ComponentProvider<?>>> PROVIDERS = Map.of(
            ComponentKind.MODEL, EnergyModelProvider.class,
            ComponentKind.OBJECTIVE, ObjectiveProvider.class,
            ComponentKind.SAMPLER, SamplerProvider.class,
            ComponentKind.NOISE, NoiseProvider.class,
            ComponentKind.DATA, DataSourceProvider.class,
            ComponentKind.EVALUATOR, EvaluatorProvider.class,
            ComponentKind.LISTENER, TrainingListenerProvider.class);

    private static final Map<ComponentKind, Class<?>> COMPONENTS = Map.of(
            ComponentKind.MODEL, EnergyModel.class,
            ComponentKind.OBJECTIVE, Objective.class,
            ComponentKind.SAMPLER, Sampler.class,
            ComponentKind.NOISE, NoiseDistribution.class,
            ComponentKind.DATA, DataSource.class,
            ComponentKind.EVALUATOR, Evaluator.class,
            ComponentKind.LISTENER, TrainingListener.class);

    private ComponentKinds() {}

    public static Class<? extends ComponentProvider<?>> providerType(ComponentKind kind) {
        return PROVIDERS.get(kind);
    }

    /** What providers of {@code kind} create, e.g. {@code Sampler.class}. */
    public static Class<?> componentType(ComponentKind kind) {
        return COMPONENTS.get(kind);
    }

    /** The kind whose components are of {@code componentType} (e.g. {@code Sampler.class}). */
    public static ComponentKind ofComponent(Class<?> componentType) {
        for (Map.Entry<ComponentKind, Class<?>> e : COMPONENTS.entrySet()) {
            if (e.getValue().equals(componentType)) {
                return e.getKey();
            }
        }
        throw new IllegalArgumentException(componentType.getName() + " is not a component type; known: "
                + COMPONENTS.values().stream().map(Class::getSimpleName).sorted().toList());
    }

    /** {@code Map<String, XProvider>}: the key of the map {@link ComponentsModule} binds for {@code kind}. */
    @SuppressWarnings("unchecked") // Types.mapOf builds exactly Map<String, XProvider>; Key cannot say so statically
    static Key<Map<String, ? extends ComponentProvider<?>>> mapKey(ComponentKind kind) {
        return (Key<Map<String, ? extends ComponentProvider<?>>>) Key.get(Types.mapOf(String.class, providerType(kind)));
    }
}
