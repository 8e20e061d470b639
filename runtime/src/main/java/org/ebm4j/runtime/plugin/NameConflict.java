package org.ebm4j.runtime.plugin;

import java.util.List;
import java.util.Optional;
import org.ebm4j.api.component.ComponentKind;

/**
 * Several plugins register one name of one kind. The plain name then means the built-in plugin's component if one
 * of them is built in ({@code winner}), and nothing otherwise; every claimant stays reachable as {@code plugin-id/name}.
 */
public record NameConflict(ComponentKind kind, String name, List<Contribution> claimants, Optional<Contribution> winner) {

    public NameConflict {
        claimants = List.copyOf(claimants);
    }

    /** One line in ebm's words, naming every jar. */
    public String describe() {
        StringBuilder b = new StringBuilder("the " + kind.key() + " '" + name + "' is registered by ");
        for (int i = 0; i < claimants.size(); i++) {
            Contribution c = claimants.get(i);
            b.append(i == 0 ? "" : i == claimants.size() - 1 ? " and " : ", ")
                    .append("plugin ").append(c.pluginId()).append(" (").append(c.jar().getFileName()).append(')');
        }
        if (winner.isPresent()) {
            b.append("; '").append(name).append("' is the built-in plugin ").append(winner.get().pluginId()).append("'s");
            claimants.stream().filter(c -> c != winner.get()).forEach(c ->
                    b.append("; use '").append(c.qualifiedName()).append("' for plugin ").append(c.pluginId()).append("'s"));
        } else {
            b.append("; '").append(name).append("' alone is ambiguous: name one as ")
                    .append(String.join(" or ", claimants.stream().map(c -> "'" + c.qualifiedName() + "'").toList()));
        }
        return b.toString();
    }
}
