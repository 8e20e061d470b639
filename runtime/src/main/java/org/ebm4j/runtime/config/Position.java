package org.ebm4j.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a component sits in an experiment: a top-level section ({@code objective}), an element of a list section
 * ({@code evaluators[1]}), and the keys below it ({@code sampler}, {@code sampler.init}).
 */
record Position(String section, int index, List<String> keys) {

    Position {
        keys = List.copyOf(keys);
    }

    static Position section(String section) {
        return new Position(section, -1, List.of());
    }

    static Position element(String section, int index) {
        return new Position(section, index, List.of());
    }

    Position child(String key) {
        List<String> k = new ArrayList<>(keys);
        k.add(key);
        return new Position(section, index, k);
    }

    /** As messages and {@link ComponentSpec#path()} show it: {@code objective.sampler}, {@code evaluators[0].sampler}. */
    String display() {
        StringBuilder b = new StringBuilder(section);
        if (index >= 0) {
            b.append('[').append(index).append(']');
        }
        keys.forEach(k -> b.append('.').append(k));
        return b.toString();
    }

    /** The HOCON path in a document whose lists of components are objects keyed by index ({@code evaluators."0"}). */
    String path() {
        List<String> all = new ArrayList<>();
        all.add(section);
        if (index >= 0) {
            all.add(Integer.toString(index));
        }
        all.addAll(keys);
        return ConfigUtil.joinPath(all);
    }

    /** The section at this position in such a document. */
    Config in(Config document) {
        return document.getConfig(path());
    }
}
