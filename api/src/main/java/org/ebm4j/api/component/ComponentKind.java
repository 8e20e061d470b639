package org.ebm4j.api.component;

import java.util.Locale;

/**
 * The kinds of component an experiment names. Each kind has a section of the experiment file ({@code model},
 * {@code objective}, ..., the lists {@code evaluators} and {@code listeners}) and a namespace of defaults,
 * {@code ebm.<kind>.<name>}, in plugins' {@code reference.conf}.
 */
public enum ComponentKind {
    MODEL("model"),
    OBJECTIVE("objective"),
    SAMPLER("sampler"),
    NOISE("noise"),
    DATA("data"),
    EVALUATOR("evaluator"),
    /** Observers of training named in an experiment's {@code listeners} list (metric sinks, custom stopping rules). */
    LISTENER("listener");

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

    /** The kind whose {@link #key()} is {@code key}. */
    public static java.util.Optional<ComponentKind> byKey(String key) {
        for (ComponentKind k : values()) {
            if (k.key.equals(key.toLowerCase(Locale.ROOT))) {
                return java.util.Optional.of(k);
            }
        }
        return java.util.Optional.empty();
    }

    /** The keys of every kind, for messages. */
    public static java.util.List<String> keys() {
        return java.util.Arrays.stream(values()).map(ComponentKind::key).toList();
    }
}
