package org.ebm4j.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.Set;
import java.util.TreeSet;
import org.ebm4j.api.component.SettingsReader;

/**
 * Reports settings a component (or {@code train}) does not have, at any depth: a key absent from its defaults, or
 * inside a group of settings ({@code fit { steps = … }}) a key absent from that group. A nested component is left to
 * its own check, an empty default group is a free-form map ({@code options {}}), and {@code freeForm} keys are not
 * looked into.
 */
public final class UnknownSettings {

    private UnknownSettings() {}

    /** Records every unknown key of {@code own} (under {@code shownPath}) against {@code defaults} in {@code r}. */
    public static void report(SettingsReader r, Config own, Config defaults, String shownPath, String component, Set<String> reserved) {
        report(r, own, defaults, shownPath, component, reserved, Set.of());
    }

    /** As above; keys in {@code freeForm} (paths relative to the component) take any settings. */
    public static void report(SettingsReader r, Config own, Config defaults, String shownPath, String component,
                              Set<String> reserved, Set<String> freeForm) {
        check(r, own, defaults, shownPath, component, "", reserved, freeForm);
    }

    private static void check(SettingsReader r, Config own, Config defaults, String path, String component, String group,
                              Set<String> reserved, Set<String> freeForm) {
        TreeSet<String> allowed = new TreeSet<>(defaults.root().keySet());
        allowed.removeAll(reserved);
        for (String key : own.root().keySet()) {
            if (reserved.contains(key)) {
                continue;
            }
            ConfigValue value = own.root().get(key);
            ConfigValue fallback = defaults.root().get(key);
            String quoted = ConfigUtil.joinPath(key);
            String groupPath = group.isEmpty() ? key : group + "." + key;
            if (fallback == null) {
                String where = group.isEmpty() ? component : component + "'s '" + group + "'";
                r.add(path + "." + key, SettingsReader.originOf(own, quoted), "is not a setting of " + where + "; "
                        + (allowed.isEmpty() ? "it takes none" : "its settings: " + String.join(", ", allowed)));
            } else if (value.valueType() == ConfigValueType.OBJECT && fallback.valueType() == ConfigValueType.OBJECT
                    && !((ConfigObject) fallback).isEmpty() && !freeForm.contains(groupPath)
                    && ComponentResolver.nestedKind(key, fallback).isEmpty()) {
                check(r, own.getConfig(quoted), defaults.getConfig(quoted), path + "." + key, component, groupPath,
                        Set.of(), freeForm);
            }
        }
    }
}
