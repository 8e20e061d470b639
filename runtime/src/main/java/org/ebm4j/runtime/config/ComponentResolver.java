package org.ebm4j.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigList;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigResolveOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ebm4j.api.UnknownComponentException;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.runtime.plugin.Components;

/**
 * The one place where component settings are worked out, for every command, the testkit and the benchmarks.
 *
 * <p>For each component, top-level ({@code objective}), in a list ({@code evaluators[0]}) or nested
 * ({@code objective.sampler}), the settings are, strongest first: what the experiment (and {@code --set}) writes,
 * what the enclosing component's defaults recommend for it (only while its {@code type} is the recommended one),
 * and the component's own defaults from its plugin's {@code reference.conf}. These layers are merged <em>before</em>
 * substitutions are resolved, so {@code evaluation-sigma = ${objective.sigma-min}} sees a default. A component may
 * be written as its name alone ({@code sampler = mala}), replaced by another {@code type} (the old type's settings
 * then no longer apply), or removed with {@code null}. A plugin declares a nested component in its defaults as a
 * section with a {@code type} whose key is a kind ({@code sampler}) or which says its {@code kind}.
 *
 * <p>Every problem is recorded with its full key; the result is the resolved experiment, every default filled in
 * (what a run folder's {@code config.conf} holds), and a {@link ComponentSpec} per component.
 */
public final class ComponentResolver {

    /** Keys with a meaning to the runtime in every component section. */
    public static final String TYPE = "type";
    public static final String KIND = "kind";
    public static final String LABEL = "label";

    /** Top-level sections that hold one component. */
    public static final Map<String, ComponentKind> SECTIONS = orderedMap(
            "data", ComponentKind.DATA, "model", ComponentKind.MODEL, "objective", ComponentKind.OBJECTIVE,
            "sampler", ComponentKind.SAMPLER);
    /** Top-level sections that hold a list of components, each with a label. */
    public static final Map<String, ComponentKind> LISTS = orderedMap(
            "evaluators", ComponentKind.EVALUATOR, "listeners", ComponentKind.LISTENER);

    private final Components components;
    private final PluginDefaults defaults;

    public ComponentResolver(Components components, PluginDefaults defaults) {
        this.components = components;
        this.defaults = defaults;
    }

    public Components components() {
        return components;
    }

    /** The resolved document and its components by path ({@code objective.sampler}, {@code evaluators[0]}). */
    public record Resolution(Config document, Map<String, ComponentSpec> components) {
        public Resolution {
            components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
        }
    }

    /**
     * Resolves an experiment document: {@code user} as parsed (substitutions unresolved, {@code --set} applied), over
     * {@code fallback} (the runtime's {@code seed} and {@code train}). Problems go to {@code r}; the result is
     * complete only if none were added.
     */
    public Resolution resolve(Config user, Config fallback, SettingsReader r) {
        Session s = new Session(r, listsAsObjects(loose(user, r)));
        for (Map.Entry<String, ComponentKind> e : SECTIONS.entrySet()) {
            s.top(Position.section(e.getKey()), e.getValue());
        }
        for (Map.Entry<String, ComponentKind> e : LISTS.entrySet()) {
            ConfigValue list = s.doc.root().get(e.getKey());
            if (list != null && list.valueType() == ConfigValueType.OBJECT) {
                for (String index : ((ConfigObject) list).keySet()) {
                    s.top(Position.element(e.getKey(), Integer.parseInt(index)), e.getValue());
                }
            }
        }
        return s.finish(fallback);
    }

    /**
     * Resolves one component section on its own ({@code type} plus settings), shown in messages as {@code display}:
     * for components that are not part of an experiment file ({@code ebm sample --init gaussian}, the testkit). The
     * result holds it under {@code display} and its nested components under {@code display.key}.
     */
    public Resolution resolveSection(ComponentKind kind, Config section, String display, SettingsReader r) {
        Position position = new Position(display, -1, List.of());
        Session s = new Session(r, freshObjects(loose(ConfigFactory.empty().withValue(position.path(), section.root()), r)));
        s.top(position, kind);
        return s.finish(ConfigFactory.empty());
    }

    /** Whether {@code value} under {@code key} of a component's defaults declares a nested component, and its kind. */
    public static Optional<ComponentKind> nestedKind(String key, ConfigValue value) {
        if (value == null || value.valueType() != ConfigValueType.OBJECT) {
            return Optional.empty();
        }
        ConfigObject o = (ConfigObject) value;
        if (!o.containsKey(TYPE)) {
            return Optional.empty();
        }
        ConfigValue kind = o.get(KIND);
        if (kind != null && kind.valueType() == ConfigValueType.STRING) {
            return ComponentKind.byKey((String) kind.unwrapped());
        }
        return ComponentKind.byKey(key);
    }

    // ---------------------------------------------------------------------------------------------------------

    private final class Session {
        final SettingsReader r;
        Config doc;                          // the user's document: lists as objects, names expanded to sections
        Config layer = ConfigFactory.empty(); // the defaults of every top-level component, at its position
        final List<Declared> declared = new ArrayList<>();

        Session(SettingsReader r, Config doc) {
            this.r = r;
            this.doc = doc;
        }

        void top(Position position, ComponentKind kind) {
            ConfigValue v = valueAt(doc, position);
            if (v == null || v.valueType() == ConfigValueType.NULL) {
                return; // absent or removed: whether that is allowed is the loader's business
            }
            Optional<String> type = typeOf(v, position, kind, null);
            if (type.isEmpty()) {
                return;
            }
            Config base = declare(position, kind, type.get(), ConfigFactory.empty());
            if (base != null) {
                layer = layer.withValue(position.path(), base.root());
            }
        }

        /** Records the component at {@code position} and returns its defaults layer, nested components included. */
        Config declare(Position position, ComponentKind kind, String type, Config recommended) {
            ComponentProvider<?> provider;
            try {
                provider = components.provider(kind, type);
            } catch (UnknownComponentException e) {
                r.add(position.display() + "." + TYPE, originAt(position, TYPE), e.getMessage());
                return null;
            }
            Config base = recommended.withFallback(defaults.of(kind, provider));
            for (String key : List.copyOf(base.root().keySet())) {
                ConfigValue declaredValue = base.root().get(key);
                Optional<ComponentKind> nested = nestedKind(key, declaredValue);
                if (nested.isEmpty()) {
                    continue;
                }
                Config declaredSection = ((ConfigObject) declaredValue).toConfig();
                base = base.withoutPath(ConfigUtil.joinPath(key));
                Position child = position.child(key);
                ConfigValue user = valueAt(doc, child);
                if (user != null && user.valueType() == ConfigValueType.NULL) {
                    // removed by the user: the enclosing component decides whether it may be absent
                    base = base.withValue(ConfigUtil.joinPath(key), user);
                    continue;
                }
                Optional<String> nestedType = user == null ? Optional.of(declaredSection.getString(TYPE))
                        : typeOf(user, child, nested.get(), declaredSection.getString(TYPE));
                if (nestedType.isEmpty()) {
                    continue;
                }
                Config nestedRecommended = nestedType.get().equals(declaredSection.getString(TYPE))
                        ? declaredSection.withoutPath(TYPE) : declaredSection.hasPath(KIND)
                        ? ConfigFactory.empty().withValue(KIND, declaredSection.getValue(KIND)) : ConfigFactory.empty();
                Config nestedLayer = declare(child, nested.get(), nestedType.get(), nestedRecommended);
                // a nested component that could not be declared (its problem is recorded) is still a setting here
                base = base.withValue(ConfigUtil.joinPath(key), nestedLayer != null
                        ? nestedLayer.root().withOrigin(declaredValue.origin()) : declaredValue); // the declaration's comment
            }
            base = base.withValue(TYPE, ConfigValueFactory.fromAnyRef(type, "the component's name"));
            declared.add(new Declared(position, kind, type, provider, base));
            return base;
        }

        /**
         * The component name at {@code position}: the value itself if it is a name (expanded in the document to a
         * section), else its {@code type}, else {@code inherited}; a problem if there is none or the kind disagrees.
         */
        Optional<String> typeOf(ConfigValue v, Position position, ComponentKind kind, String inherited) {
            if (v.valueType() == ConfigValueType.STRING) {
                String name = (String) v.unwrapped();
                doc = doc.withValue(position.path(), ConfigFactory.empty(v.origin().description())
                        .withValue(TYPE, v).root().withOrigin(v.origin()));
                return Optional.of(name);
            }
            if (v.valueType() != ConfigValueType.OBJECT) {
                r.add(position.display(), describe(v.origin()), "must be a " + kind.key() + ": a section with a type, "
                        + "or the name alone; available: " + String.join(", ", components.names(kind)));
                return Optional.empty();
            }
            ConfigObject o = (ConfigObject) v;
            ConfigValue kindValue = o.get(KIND);
            if (kindValue != null && !kind.key().equals(kindValue.unwrapped())) {
                r.add(position.display() + "." + KIND, describe(kindValue.origin()), "is '" + kindValue.unwrapped()
                        + "', but a " + kind.key() + " belongs here");
            }
            ConfigValue t = o.get(TYPE);
            if (t == null) {
                if (inherited != null) {
                    return Optional.of(inherited);
                }
                r.add(position.display() + "." + TYPE, describe(v.origin()), "is missing: name a " + kind.key()
                        + "; available: " + String.join(", ", components.names(kind)));
                return Optional.empty();
            }
            if (t.valueType() != ConfigValueType.STRING) {
                r.add(position.display() + "." + TYPE, describe(t.origin()), "must be the name of a " + kind.key()
                        + "; available: " + String.join(", ", components.names(kind)));
                return Optional.empty();
            }
            return Optional.of((String) t.unwrapped());
        }

        String originAt(Position position, String key) {
            ConfigValue v = valueAt(doc, position);
            if (v instanceof ConfigObject o && o.get(key) != null) {
                return describe(o.get(key).origin());
            }
            return v == null ? "" : describe(v.origin());
        }

        Resolution finish(Config fallback) {
            Config merged = doc.withFallback(layer).withFallback(fallback);
            Config resolved;
            try {
                resolved = merged.resolve();
            } catch (com.typesafe.config.ConfigException e) {
                r.add("(substitution)", e.origin() == null ? "" : describe(e.origin()), e.getMessage()
                        .replaceFirst("^.*?: \\d+: ", ""));
                return new Resolution(merged, Map.of());
            }
            for (Declared d : declared) {
                if (valueAt(resolved, d.position) instanceof ConfigObject) {
                    UnknownSettings.report(r, d.position.in(resolved), d.layer, d.position.display(),
                            d.kind.key() + " '" + d.type + "'", reserved(d.position));
                }
            }
            Map<String, String> labels = labels(resolved);
            for (Map.Entry<String, String> e : labels.entrySet()) {
                Position p = elementPosition(e.getKey());
                resolved = resolved.withValue(p.path() + "." + LABEL, ConfigValueFactory.fromAnyRef(e.getValue(),
                        "the evaluator's label"));
            }
            Map<String, ComponentSpec> specs = new LinkedHashMap<>();
            for (Declared d : declared) {
                if (!(valueAt(resolved, d.position) instanceof ConfigObject)) {
                    continue;
                }
                Config section = d.position.in(resolved);
                String label = labels.getOrDefault(d.position.display(), d.position.display());
                specs.put(d.position.display(), new ComponentSpec(d.kind, d.type, d.position.display(), label, d.provider,
                        section.withoutPath(TYPE).withoutPath(KIND).withoutPath(LABEL), SettingsReader.originOf(section, TYPE)));
            }
            // list the specs top-down, as the file reads
            Map<String, ComponentSpec> ordered = new LinkedHashMap<>();
            specs.keySet().stream().sorted(ComponentResolver::byPosition).forEach(k -> ordered.put(k, specs.get(k)));
            return new Resolution(listsBack(resolved), ordered);
        }

        /** Labels of list elements: as written, else the type, numbered when a type repeats. */
        Map<String, String> labels(Config resolved) {
            Map<String, String> labels = new LinkedHashMap<>();
            for (String section : LISTS.keySet()) {
                ConfigValue list = resolved.root().get(section);
                if (!(list instanceof ConfigObject elements)) {
                    continue;
                }
                Set<String> taken = new HashSet<>();
                List<String> unlabelled = new ArrayList<>();
                for (String index : sortedIndices(elements)) {
                    if (!(elements.get(index) instanceof ConfigObject element)) {
                        continue;
                    }
                    String display = section + "[" + index + "]";
                    ConfigValue label = element.get(LABEL);
                    if (label == null) {
                        unlabelled.add(index);
                    } else if (label.valueType() != ConfigValueType.STRING || !((String) label.unwrapped()).matches("[A-Za-z0-9._-]+")) {
                        r.add(display + "." + LABEL, describe(label.origin()), "must be letters, digits, '.', '_' or '-' "
                                + "(it names a folder and a metric prefix), got " + label.render());
                    } else if (!taken.add((String) label.unwrapped())) {
                        r.add(display + "." + LABEL, describe(label.origin()), "'" + label.unwrapped() + "' labels another of the "
                                + section + " already; labels must differ");
                    } else {
                        labels.put(display, (String) label.unwrapped());
                    }
                }
                for (String index : unlabelled) {
                    ConfigValue type = ((ConfigObject) elements.get(index)).get(TYPE);
                    String base = type == null ? section : String.valueOf(type.unwrapped());
                    String label = base;
                    for (int n = 2; taken.contains(label); n++) {
                        label = base + "-" + n;
                    }
                    taken.add(label);
                    labels.put(section + "[" + index + "]", label);
                }
            }
            return labels;
        }
    }

    private record Declared(Position position, ComponentKind kind, String type, ComponentProvider<?> provider, Config layer) {}

    private static Set<String> reserved(Position position) {
        return position.index() >= 0 && position.keys().isEmpty() ? Set.of(TYPE, KIND, LABEL) : Set.of(TYPE, KIND);
    }

    private static Position elementPosition(String display) {
        int open = display.indexOf('[');
        return Position.element(display.substring(0, open), Integer.parseInt(display.substring(open + 1, display.indexOf(']'))));
    }

    private static int byPosition(String a, String b) {
        return Integer.compare(rank(a), rank(b)) != 0 ? Integer.compare(rank(a), rank(b)) : a.compareTo(b);
    }

    private static int rank(String display) {
        int i = 0;
        for (String s : SECTIONS.keySet()) {
            if (display.equals(s) || display.startsWith(s + ".")) {
                return i;
            }
            i++;
        }
        for (String s : LISTS.keySet()) {
            if (display.startsWith(s + "[")) {
                return i;
            }
            i++;
        }
        return i;
    }

    /** The value at {@code position} of a document whose lists are objects, or null. */
    private static ConfigValue valueAt(Config doc, Position position) {
        ConfigValue v = doc.root().get(position.section());
        if (position.index() >= 0) {
            v = v instanceof ConfigObject o ? o.get(Integer.toString(position.index())) : null;
        }
        for (String key : position.keys()) {
            v = v instanceof ConfigObject o ? o.get(key) : null;
        }
        return v;
    }

    /** Resolves what can be resolved from the file alone; substitutions of defaults wait for the merge. */
    private static Config loose(Config user, SettingsReader r) {
        try {
            return freshObjects(user.resolve(ConfigResolveOptions.defaults().setAllowUnresolved(true)));
        } catch (com.typesafe.config.ConfigException e) {
            r.add("(substitution)", e.origin() == null ? "" : describe(e.origin()), e.getMessage().replaceFirst("^.*?: \\d+: ", ""));
            r.throwIfAny();
            return user;
        }
    }

    /**
     * The document rebuilt object by object. HOCON marks an object that was written over a non-object
     * ({@code objective = null} then {@code objective { ... }}) as ignoring every fallback, which would hide the
     * plugin's defaults; rebuilt objects take fallbacks again. Values and their origins are kept.
     */
    static Config freshObjects(Config config) {
        return ((ConfigObject) fresh(config.root())).toConfig();
    }

    private static ConfigValue fresh(ConfigValue v) {
        if (v instanceof ConfigObject o) {
            Map<String, ConfigValue> children = new LinkedHashMap<>();
            o.forEach((k, child) -> children.put(k, fresh(child)));
            return ConfigValueFactory.fromMap(children).withOrigin(o.origin());
        }
        return v;
    }

    /** Lists of components as objects keyed "0", "1", ...: then every component has a plain path. */
    private static Config listsAsObjects(Config doc) {
        for (String section : LISTS.keySet()) {
            ConfigValue v = doc.root().get(section);
            if (v instanceof ConfigList list) {
                Map<String, ConfigValue> byIndex = new LinkedHashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    byIndex.put(Integer.toString(i), list.get(i));
                }
                doc = doc.withValue(section, ConfigValueFactory.fromMap(byIndex).withOrigin(list.origin()));
            }
        }
        return doc;
    }

    private static Config listsBack(Config doc) {
        for (String section : LISTS.keySet()) {
            ConfigValue v = doc.root().get(section);
            if (v instanceof ConfigObject o) {
                List<ConfigValue> elements = new ArrayList<>();
                for (String index : sortedIndices(o)) {
                    elements.add(o.get(index));
                }
                doc = doc.withValue(section, ConfigValueFactory.fromIterable(elements).withOrigin(o.origin()));
            }
        }
        return doc;
    }

    private static List<String> sortedIndices(ConfigObject o) {
        return o.keySet().stream().sorted((a, b) -> Integer.compare(Integer.parseInt(a), Integer.parseInt(b))).toList();
    }

    static String describe(ConfigOrigin origin) {
        if (origin == null) {
            return "";
        }
        return origin.filename() != null && origin.lineNumber() > 0 ? origin.filename() + ": " + origin.lineNumber()
                : origin.description();
    }

    private static Map<String, ComponentKind> orderedMap(Object... pairs) {
        Map<String, ComponentKind> m = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((String) pairs[i], (ComponentKind) pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }
}
