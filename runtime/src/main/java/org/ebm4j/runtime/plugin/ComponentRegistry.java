package org.ebm4j.runtime.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Types;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ebm4j.api.UnknownComponentException;
import org.ebm4j.api.component.ComponentKind;

/**
 * Providers by kind and name, bound in Guice as one {@code MapBinder<String, XProvider>} per kind. Two providers
 * of one kind under one name are a conflict naming both plugins; that name is then unavailable, so an
 * experiment never silently gets the wrong one.
 */
public final class ComponentRegistry {

    private final Map<ComponentKind, Map<String, RegisteredProvider>> byKind;
    private final List<PluginFailure> conflicts;
    private final Map<String, String> conflictedNames; // "kind/name" -> why it is unavailable
    private final Injector injector;

    private ComponentRegistry(Map<ComponentKind, Map<String, RegisteredProvider>> byKind, List<PluginFailure> conflicts,
                              Map<String, String> conflictedNames, Injector injector) {
        this.byKind = byKind;
        this.conflicts = List.copyOf(conflicts);
        this.conflictedNames = Map.copyOf(conflictedNames);
        this.injector = injector;
    }

    /** A registry of the given providers alone (embedding and tests; plugins come through {@link PluginSystem}). */
    public static ComponentRegistry of(List<RegisteredProvider> providers) {
        return create(com.google.inject.Guice.createInjector(), providers);
    }

    static ComponentRegistry create(Injector parent, List<RegisteredProvider> providers) {
        Map<ComponentKind, Map<String, RegisteredProvider>> byKind = new EnumMap<>(ComponentKind.class);
        Map<ComponentKind, Map<String, List<RegisteredProvider>>> claims = new EnumMap<>(ComponentKind.class);
        for (ComponentKind kind : ComponentKind.values()) {
            byKind.put(kind, new TreeMap<>());
            claims.put(kind, new LinkedHashMap<>());
        }
        for (RegisteredProvider p : providers) {
            claims.get(p.kind()).computeIfAbsent(p.provider().name(), n -> new ArrayList<>()).add(p);
        }
        List<PluginFailure> conflicts = new ArrayList<>();
        Map<String, String> conflictedNames = new java.util.HashMap<>();
        for (ComponentKind kind : ComponentKind.values()) {
            for (Map.Entry<String, List<RegisteredProvider>> e : claims.get(kind).entrySet()) {
                List<RegisteredProvider> claimants = e.getValue();
                if (claimants.size() == 1) {
                    byKind.get(kind).put(e.getKey(), claimants.get(0));
                } else {
                    List<String> ids = claimants.stream().map(RegisteredProvider::pluginId).toList();
                    String reason = "plugins " + String.join(" and ", ids) + " both register the " + kind.key() + " '"
                            + e.getKey() + "'; neither is used until one is removed";
                    conflicts.add(new PluginFailure(Path.of(String.join(", ", ids)), reason));
                    conflictedNames.put(kind.key() + "/" + e.getKey(), reason);
                }
            }
        }
        Injector injector = parent.createChildInjector(new AbstractModule() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            protected void configure() {
                for (ComponentKind kind : ComponentKind.values()) {
                    MapBinder binder = MapBinder.newMapBinder(binder(), String.class, (Class) ComponentKinds.providerType(kind));
                    for (RegisteredProvider p : byKind.get(kind).values()) {
                        binder.addBinding(p.provider().name()).toInstance(p.provider());
                    }
                }
            }
        });
        return new ComponentRegistry(byKind, conflicts, conflictedNames, injector);
    }

    /** The provider of {@code kind} called {@code name}, or an error listing the names that exist. */
    public RegisteredProvider provider(ComponentKind kind, String name) {
        RegisteredProvider p = byKind.get(kind).get(name);
        if (p == null) {
            String conflict = conflictedNames.get(kind.key() + "/" + name);
            if (conflict != null) {
                throw new UnknownComponentException(kind.key(), name, byKind.get(kind).keySet(), conflict);
            }
            throw new UnknownComponentException(kind.key(), name, byKind.get(kind).keySet());
        }
        return p;
    }

    /** Names of {@code kind}, sorted. */
    public List<String> names(ComponentKind kind) {
        return List.copyOf(byKind.get(kind).keySet());
    }

    /** Every registered component. */
    public List<ComponentInfo> all() {
        List<ComponentInfo> all = new ArrayList<>();
        for (ComponentKind kind : ComponentKind.values()) {
            byKind.get(kind).values().forEach(p -> all.add(p.info()));
        }
        return Collections.unmodifiableList(all);
    }

    /** Name clashes between plugins. */
    public List<PluginFailure> conflicts() {
        return conflicts;
    }

    /** The Guice view of {@code kind}'s providers: the {@code Map<String, XProvider>} its MapBinder built. */
    @SuppressWarnings("unchecked") // Types.mapOf builds exactly Map<String, XProvider>; Guice's Key cannot say so statically
    public Map<String, ?> boundProviders(ComponentKind kind) {
        return injector.getInstance((Key<Map<String, ?>>) Key.get(Types.mapOf(String.class, ComponentKinds.providerType(kind))));
    }
}
