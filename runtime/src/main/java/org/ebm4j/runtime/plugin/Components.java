package org.ebm4j.runtime.plugin;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Stage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.ebm4j.api.UnknownComponentException;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.data.DataSourceProvider;
import org.ebm4j.api.eval.EvaluatorProvider;
import org.ebm4j.api.model.EnergyModelProvider;
import org.ebm4j.api.noise.NoiseProvider;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.ebm4j.api.sampler.SamplerProvider;
import org.ebm4j.api.training.TrainingListenerProvider;

/**
 * The providers by kind and name, as Guice's {@code MapBinder}s built them ({@link ComponentsModule}): a typed view
 * of the injected maps, which are the only registry. A name is either plain ({@code ula}) or qualified
 * ({@code mcmc/ula}); an unknown or ambiguous one is an error that lists the names that exist.
 */
public final class Components {

    private final Map<ComponentKind, Map<String, ? extends ComponentProvider<?>>> byKind = new EnumMap<>(ComponentKind.class);
    private final List<NameConflict> conflicts;

    @Inject
    Components(Map<String, EnergyModelProvider> models, Map<String, ObjectiveProvider> objectives,
               Map<String, SamplerProvider> samplers, Map<String, NoiseProvider> noises, Map<String, DataSourceProvider> data,
               Map<String, EvaluatorProvider> evaluators, Map<String, TrainingListenerProvider> listeners,
               ComponentsModule.NameConflicts conflicts) {
        byKind.put(ComponentKind.MODEL, models);
        byKind.put(ComponentKind.OBJECTIVE, objectives);
        byKind.put(ComponentKind.SAMPLER, samplers);
        byKind.put(ComponentKind.NOISE, noises);
        byKind.put(ComponentKind.DATA, data);
        byKind.put(ComponentKind.EVALUATOR, evaluators);
        byKind.put(ComponentKind.LISTENER, listeners);
        this.conflicts = conflicts.conflicts();
    }

    /**
     * An injector of the given providers alone, on the class path, with the runtime's services, as {@link PluginSystem}
     * makes one for plugins (tests and embedding).
     */
    public static com.google.inject.Injector injector(List<Contribution> contributions) {
        return Guice.createInjector(Stage.PRODUCTION, new ComponentsModule(contributions, Set.of()),
                new org.ebm4j.runtime.wiring.RuntimeModule());
    }

    /** The components of {@link #injector(List)}. */
    public static Components of(List<Contribution> contributions) {
        return injector(contributions).getInstance(Components.class);
    }

    /** The provider of {@code kind} called {@code name} (plain or {@code plugin-id/name}), or an error listing the names that exist. */
    public ComponentProvider<?> provider(ComponentKind kind, String name) {
        ComponentProvider<?> p = byKind.get(kind).get(name);
        if (p != null) {
            return p;
        }
        Optional<NameConflict> conflict = conflicts.stream().filter(c -> c.kind() == kind && c.name().equals(name)).findFirst();
        if (conflict.isPresent()) {
            throw new UnknownComponentException(kind.key(), name, names(kind), conflict.get().describe());
        }
        throw new UnknownComponentException(kind.key(), name, names(kind));
    }

    /** The names experiments use for {@code kind}, sorted: plain where it is unique or built in, else qualified. */
    public List<String> names(ComponentKind kind) {
        List<String> names = new ArrayList<>();
        Map<String, ? extends ComponentProvider<?>> map = byKind.get(kind);
        for (Map.Entry<String, ? extends ComponentProvider<?>> e : map.entrySet()) {
            boolean qualified = e.getKey().contains("/");
            boolean plainIsThis = map.get(e.getValue().name()) == e.getValue();
            if (qualified != plainIsThis) {
                names.add(e.getKey());
            }
        }
        Collections.sort(names);
        return List.copyOf(names);
    }

    /** The id of the plugin {@code provider} came from ({@link Contribution#CLASSPATH} for class-path providers). */
    public String pluginOf(ComponentProvider<?> provider) {
        for (Map<String, ? extends ComponentProvider<?>> map : byKind.values()) {
            for (Map.Entry<String, ? extends ComponentProvider<?>> e : map.entrySet()) {
                if (e.getValue() == provider && e.getKey().contains("/")) {
                    return e.getKey().substring(0, e.getKey().lastIndexOf('/'));
                }
            }
        }
        throw new IllegalArgumentException(provider + " is not a bound provider");
    }

    /** Every component under the name experiments use for it, by kind then name. */
    public List<ComponentInfo> all() {
        List<ComponentInfo> all = new ArrayList<>();
        for (ComponentKind kind : ComponentKind.values()) {
            Map<String, ? extends ComponentProvider<?>> map = byKind.get(kind);
            for (String name : names(kind)) {
                ComponentProvider<?> p = map.get(name);
                all.add(new ComponentInfo(kind, name, p.description(), pluginOf(p)));
            }
        }
        return Collections.unmodifiableList(all);
    }

    /** Every component called {@code name} (plain or qualified), of any kind. */
    public List<ComponentInfo> named(String name) {
        Map<String, ComponentInfo> found = new TreeMap<>();
        for (ComponentKind kind : ComponentKind.values()) {
            Map<String, ? extends ComponentProvider<?>> map = byKind.get(kind);
            for (Map.Entry<String, ? extends ComponentProvider<?>> e : map.entrySet()) {
                String plugin = pluginOf(e.getValue());
                if (e.getKey().equals(name) || (e.getValue().name().equals(name) && e.getKey().contains("/") && !name.contains("/"))) {
                    String shown = map.get(e.getValue().name()) == e.getValue() ? e.getValue().name() : plugin + "/" + e.getValue().name();
                    found.putIfAbsent(kind.ordinal() + "/" + shown, new ComponentInfo(kind, shown, e.getValue().description(), plugin));
                }
            }
        }
        return List.copyOf(found.values());
    }

    /** Names several plugins register. */
    public List<NameConflict> conflicts() {
        return conflicts;
    }
}
