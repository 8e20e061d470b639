package org.ebm4j.runtime.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.TreeSet;
import org.ebm4j.api.component.SettingsReader;

/**
 * Reports settings a component does not have, at any depth: a key absent from the component's defaults, or inside a
 * group of settings ({@code fit { steps = … }}) a key absent from that group. A nested component ({@code sampler { type
 * = … }}) is left to its own check, and an empty default object is a free-form map.
 */
public final class UnknownSettings {

    private UnknownSettings() {}

    /** Records every unknown key of {@code own} (under {@code shownPath}) against {@code defaults} in {@code r}. */
    public static void report(SettingsReader r, Config own, Config defaults, String shownPath, String component) {
        check(r, own, defaults, shownPath, component, "");
    }

    private static void check(SettingsReader r, Config own, Config defaults, String path, String component, String group) {
        TreeSet<String> allowed = new TreeSet<>(defaults.root().keySet());
        for (String key : own.root().keySet()) {
            ConfigValue value = own.root().get(key);
            ConfigValue fallback = defaults.root().get(key);
            String quoted = com.typesafe.config.ConfigUtil.joinPath(key);
            if (fallback == null) {
                String where = group.isEmpty() ? component : component + "'s '" + group + "'";
                r.add(path + "." + key, SettingsReader.originOf(own, quoted), "is not a setting of " + where + "; "
                        + (allowed.isEmpty() ? "it takes none" : "its settings: " + String.join(", ", allowed)));
            } else if (value.valueType() == ConfigValueType.OBJECT && fallback.valueType() == ConfigValueType.OBJECT) {
                ConfigObject defaultGroup = (ConfigObject) fallback;
                if (!defaultGroup.isEmpty() && !defaultGroup.containsKey("type") && !((ConfigObject) value).containsKey("type")) {
                    check(r, own.getConfig(quoted), defaults.getConfig(quoted), path + "." + key, component,
                            group.isEmpty() ? key : group + "." + key);
                }
            }
        }
    }

}
