package org.ebm4j.runtime.experiment;

import com.google.inject.Injector;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.runtime.config.ComponentResolver;
import org.ebm4j.runtime.plugin.ComponentKinds;
import org.ebm4j.runtime.plugin.Components;
import org.ebm4j.runtime.plugin.Contribution;

/**
 * One component built outside an experiment file, from providers on the class path, exactly as an experiment builds
 * it: the same resolver (defaults merged, nested components by name, substitutions resolved, unknown settings
 * refused) and the same factory. The testkit's contracts and the benchmarks build their components here.
 *
 * @param provider the component's provider
 * @param kind     its kind
 * @param nested   providers of the components it creates by name, with their kinds
 */
public record Standalone(ComponentProvider<?> provider, ComponentKind kind, Map<ComponentProvider<?>, ComponentKind> nested) {

    /** The name the component has in messages and random streams. */
    public static final String PATH = "component";

    public Standalone {
        nested = Map.copyOf(nested);
    }

    /** The component from {@code settings} (its section without {@code type}), for data of dimension {@code d}, seeded. */
    public <T> T build(Class<T> type, Config settings, int d, long seed) {
        return build(type, settings, d, List.of(), seed);
    }

    /** {@link #build(Class, Config, int, long)} for data whose rows are images of {@code rowShape} ({@code [c, h, w]}). */
    public <T> T build(Class<T> type, Config settings, int d, List<Integer> rowShape, long seed) {
        Injector injector = injector();
        ComponentResolver.Resolution resolution = resolve(injector, settings);
        RandomStreams streams = new RandomStreams(seed); // the component keeps its stream: not closed here
        Object component = injector.getInstance(ExperimentFactory.class).create(resolution.components().get(PATH),
                ComponentKinds.componentType(kind), resolution.components(), streams, d, rowShape);
        return type.cast(component);
    }

    /** The complete settings the component gets from {@code settings}, every default filled in (without {@code type}). */
    public Config resolvedSettings(Config settings) {
        return resolve(injector(), settings).document().getConfig(ConfigUtil.joinPath(PATH)).withoutPath(ComponentResolver.TYPE);
    }

    private ComponentResolver.Resolution resolve(Injector injector, Config settings) {
        SettingsReader r = new SettingsReader();
        Config section = settings.withValue(ComponentResolver.TYPE, ConfigValueFactory.fromAnyRef(provider.name()));
        ComponentResolver.Resolution resolution = injector.getInstance(ComponentResolver.class).resolveSection(kind, section, PATH, r);
        r.throwIfAny();
        return resolution;
    }

    private Injector injector() {
        List<Contribution> all = new ArrayList<>();
        all.add(Contribution.classpath(kind, provider));
        nested.forEach((p, k) -> {
            if (p != provider) {
                all.add(Contribution.classpath(k, p));
            }
        });
        return Components.injector(all);
    }
}
