package org.ebm4j.runtime.config;

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.ComponentProvider;

/**
 * One component of an experiment, top-level or nested: its kind, its name ({@code type}), where it sits
 * ({@code objective.sampler}, {@code evaluators[1]}), its label (evaluators and listeners: how results and files are
 * told apart), the provider that makes it, and its complete, resolved settings without the reserved keys.
 */
public record ComponentSpec(ComponentKind kind, String type, String path, String label, ComponentProvider<?> provider, Config settings,
                            String declaredAt) {

    /**
     * Where a problem found by the component belongs: its own origin, unless that is a plugin's defaults (which the
     * user never wrote), then where the component was declared in the user's file.
     */
    public String origin(String problemOrigin) {
        return problemOrigin == null || problemOrigin.isBlank() || problemOrigin.contains("reference.conf") ? declaredAt : problemOrigin;
    }
}
