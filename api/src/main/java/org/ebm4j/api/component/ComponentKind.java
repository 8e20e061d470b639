package org.ebm4j.api.component;

import java.util.Locale;

/**
 * The kinds of component an experiment names. Each kind has a section of the experiment file ({@code model},
 * {@code objective}, ...) and a namespace of defaults, {@code ebm.<kind>.<name>}, in plugins' {@code reference.conf}.
 */
public enum ComponentKind {
    MODEL("model"),
    OBJECTIVE("objective"),
    SAMPLER("sampler"),
    NOISE("noise"),
    DATA("data"),
    EVALUATOR("evaluator");

    private final String key;

    ComponentKind(String key) {
        this.key = key;
    }

    /** The word used in files and messages, e.g. {@code objective}. */
    public String key() {
        return key;
    }

    /** Where a component's defaults live: {@code ebm.<kind>.<name>}. */
    public String defaultsPath(String name) {
        return "ebm." + key + ".\"" + name + "\"";
    }

    public static ComponentKind byKey(String key) {
        for (ComponentKind k : values()) {
            if (k.key.equals(key.toLowerCase(Locale.ROOT))) {
                return k;
            }
        }
        throw new IllegalArgumentException("Unknown component kind '" + key + "'");
    }
}
