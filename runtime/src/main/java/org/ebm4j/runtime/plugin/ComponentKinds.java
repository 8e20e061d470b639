package org.ebm4j.runtime.plugin;

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

/** Which provider interface and which component type belong to each kind. */
public final class ComponentKinds {

    private static final Map<ComponentKind, Class<? extends ComponentProvider<?>>> PROVIDERS = Map.of(
            ComponentKind.MODEL, EnergyModelProvider.class,
            ComponentKind.OBJECTIVE, ObjectiveProvider.class,
            ComponentKind.SAMPLER, SamplerProvider.class,
            ComponentKind.NOISE, NoiseProvider.class,
            ComponentKind.DATA, DataSourceProvider.class,
            ComponentKind.EVALUATOR, EvaluatorProvider.class);

    private static final Map<Class<?>, ComponentKind> BY_COMPONENT = Map.of(
            EnergyModel.class, ComponentKind.MODEL,
            Objective.class, ComponentKind.OBJECTIVE,
            Sampler.class, ComponentKind.SAMPLER,
            NoiseDistribution.class, ComponentKind.NOISE,
            DataSource.class, ComponentKind.DATA,
            Evaluator.class, ComponentKind.EVALUATOR);

    private ComponentKinds() {}

    public static Class<? extends ComponentProvider<?>> providerType(ComponentKind kind) {
        return PROVIDERS.get(kind);
    }

    /** The kind whose components are of {@code componentType} (e.g. {@code Sampler.class}). */
    public static ComponentKind ofComponent(Class<?> componentType) {
        ComponentKind kind = BY_COMPONENT.get(componentType);
        if (kind == null) {
            throw new IllegalArgumentException(componentType.getName() + " is not a component type; known: "
                    + BY_COMPONENT.keySet().stream().map(Class::getSimpleName).sorted().toList());
        }
        return kind;
    }
}
