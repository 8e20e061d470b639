package org.ebm4j.runtime.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValueFactory;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.ebm4j.api.UnknownComponentException;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.optim.Optimizers;
import org.ebm4j.runtime.config.ComponentResolver;
import org.ebm4j.runtime.config.PluginDefaults;
import org.ebm4j.runtime.config.RuntimeDefaults;
import org.ebm4j.runtime.plugin.ComponentInfo;
import org.ebm4j.runtime.plugin.Components;
import org.ebm4j.runtime.plugin.PluginSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = {"Show settings, their defaults and meaning: a component's (from its plugin's reference.conf), "
                + "`train` (the training settings every experiment has), or `optimizer NAME` (an optimiser's options).",
                "NAME may be plain (dsm) or qualified by its plugin (mcmc/ula); a kind before it (describe noise gaussian) "
                + "picks one of several components of that name."})
final class DescribeCommand implements Callable<Integer> {

    private static final ConfigRenderOptions RENDER = ConfigRenderOptions.defaults().setOriginComments(false).setComments(true).setJson(false);

    @ParentCommand
    EbmCommand root;

    @Parameters(arity = "1..2", paramLabel = "NAME", description = "train | optimizer NAME | [KIND] COMPONENT, e.g. dsm.")
    List<String> words;

    @Override
    public Integer call() {
        if (words.get(0).equals("train") && words.size() == 1) {
            root.out.println("train: the training settings of every experiment (defaults of the ebm4j runtime)");
            root.out.println(RuntimeDefaults.experiment().withOnlyPath("train").root().render(RENDER));
            root.out.println("seed: " + RuntimeDefaults.experiment().getLong("seed") + "  (the root seed of every random stream)");
            return EbmCommand.OK;
        }
        if (words.get(0).equals("optimizer")) {
            return optimizer();
        }
        try (PluginSystem system = root.loadPlugins()) {
            Components components = system.components();
            PluginDefaults defaults = system.injector().getInstance(PluginDefaults.class);
            String name = words.get(words.size() - 1);
            List<ComponentInfo> found = components.named(name);
            if (words.size() == 2) {
                ComponentKind kind = ComponentKind.byKey(words.get(0)).orElseThrow(() -> new UnknownComponentException(
                        "kind", words.get(0), ComponentKind.keys()));
                found = found.stream().filter(c -> c.kind() == kind).toList();
                if (found.isEmpty()) {
                    components.provider(kind, name); // the error lists what exists
                }
            }
            if (found.isEmpty()) {
                throw new UnknownComponentException("component", name, components.all().stream().map(ComponentInfo::name).distinct().toList());
            }
            ComponentResolver resolver = system.injector().getInstance(ComponentResolver.class);
            for (ComponentInfo c : found) {
                root.out.printf("%s '%s' (plugin %s): %s%n", c.kind().key(), c.name(), c.pluginId(), c.description());
                root.out.println(settings(resolver, defaults, components, c));
            }
        }
        return EbmCommand.OK;
    }

    /**
     * What an experiment gets when it names the component and sets nothing: its defaults with those of its nested
     * components filled in, resolved as a run resolves them; its own defaults if a nested one cannot be resolved.
     */
    private static String settings(ComponentResolver resolver, PluginDefaults defaults, Components components, ComponentInfo c) {
        SettingsReader r = new SettingsReader();
        Config section = ConfigFactory.empty().withValue(ComponentResolver.TYPE, ConfigValueFactory.fromAnyRef(c.name()));
        ComponentResolver.Resolution resolution = resolver.resolveSection(c.kind(), section, c.name(), r);
        Config shown;
        String note = "";
        if (r.isEmpty()) {
            shown = resolution.document().getConfig(ConfigUtil.joinPath(c.name())).withoutPath(ComponentResolver.TYPE);
        } else {
            shown = defaults.of(c.kind(), components.provider(c.kind(), c.name()));
            try {
                r.throwIfAny();
            } catch (org.ebm4j.api.ConfigException e) {
                note = "\n  (its nested components' defaults are not shown: " + e.getMessage() + ")";
            }
        }
        return (shown.isEmpty() ? "  (no settings)" : shown.root().render(RENDER)) + note;
    }

    private int optimizer() {
        if (words.size() != 2) {
            root.out.println("Optimisers (train.optimizer.type): " + String.join(", ", Optimizers.names()));
            root.out.println("Schedules (train.optimizer.schedule.type): " + String.join(", ", Optimizers.scheduleNames()));
            root.out.println("`ebm describe optimizer NAME` lists one's options.");
            return EbmCommand.OK;
        }
        String name = words.get(1).toLowerCase(Locale.ROOT);
        if (!Optimizers.names().contains(name)) {
            throw new UnknownComponentException("optimizer", name, Optimizers.names());
        }
        root.out.println("optimizer '" + name + "': train.optimizer { type = " + name + ", learning-rate = …, options { … } }");
        root.out.println("  options: " + (Optimizers.options(name).isEmpty() ? "(none)" : String.join(", ", Optimizers.options(name)))
                + "  (ND4J's defaults apply to those left out)");
        root.out.println("  every optimiser also takes: learning-rate, weight-decay (decoupled), clip-norm (global norm), and a "
                + "schedule { type = …, options…, warmup = N steps }:");
        for (String schedule : Optimizers.scheduleNames()) {
            List<String> options = Optimizers.scheduleOptions(schedule);
            root.out.println("    " + schedule + (options.isEmpty() ? "" : " { " + String.join(", ", options) + " }"));
        }
        root.out.println("  (bin/ebm describe train shows the defaults)");
        return EbmCommand.OK;
    }
}
