package org.ebm4j.runtime.plugin;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ebm4j.api.component.ComponentKind;

/**
 * Binds every contributed provider in one {@code MapBinder<String, XProvider>} per kind: this map is the registry,
 * there is no other. Each provider is bound under {@code plugin-id/name}; the plain {@code name} goes to its only
 * claimant or, when several plugins claim it, to the built-in plugin among them (the others keep their qualified
 * names, and the conflict is reported). Two third-party plugins claiming one name leave the plain name unbound.
 */
public final class ComponentsModule extends AbstractModule {

    private final List<Contribution> contributions;
    private final Set<String> builtInPlugins;

    public ComponentsModule(List<Contribution> contributions, Set<String> builtInPlugins) {
        this.contributions = List.copyOf(contributions);
        this.builtInPlugins = Set.copyOf(builtInPlugins);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"}) // one MapBinder per provider interface, chosen at run time
    protected void configure() {
        Map<ComponentKind, MapBinder> binders = new LinkedHashMap<>();
        for (ComponentKind kind : ComponentKind.values()) {
            binders.put(kind, MapBinder.newMapBinder(binder(), String.class, (Class) ComponentKinds.providerType(kind)));
        }
        Map<String, List<Contribution>> claims = new LinkedHashMap<>();
        for (Contribution c : contributions) {
            binders.get(c.kind()).addBinding(c.qualifiedName()).toInstance(c.provider());
            claims.computeIfAbsent(c.kind().key() + "\u0000" + c.provider().name(), k -> new ArrayList<>()).add(c);
        }
        List<NameConflict> conflicts = new ArrayList<>();
        for (List<Contribution> claimants : claims.values()) {
            Contribution first = claimants.get(0);
            Optional<Contribution> winner;
            if (claimants.size() == 1) {
                winner = Optional.of(first);
            } else {
                List<Contribution> builtIn = claimants.stream().filter(c -> builtInPlugins.contains(c.pluginId())).toList();
                winner = builtIn.size() == 1 ? Optional.of(builtIn.get(0)) : Optional.empty();
                conflicts.add(new NameConflict(first.kind(), first.provider().name(), claimants, winner));
            }
            winner.ifPresent(w -> binders.get(w.kind()).addBinding(w.provider().name()).toInstance(w.provider()));
        }
        bind(NameConflicts.class).toInstance(new NameConflicts(conflicts));
        bind(Components.class).asEagerSingleton();
    }

    /** The conflicts found while binding. */
    record NameConflicts(List<NameConflict> conflicts) {
        NameConflicts {
            conflicts = List.copyOf(conflicts);
        }
    }
}
