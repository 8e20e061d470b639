package org.ebm4j.runtime.cli;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigRenderOptions;
import java.util.concurrent.Callable;
import org.ebm4j.api.UnknownComponentException;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.plugin.ComponentInfo;
import org.ebm4j.runtime.plugin.PluginSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "describe", mixinStandardHelpOptions = true,
        description = "Show a component's settings, their defaults and meaning (from its plugin's reference.conf).")
final class DescribeCommand implements Callable<Integer> {

    @ParentCommand
    EbmCommand root;

    @Parameters(index = "0", paramLabel = "NAME", description = "A component name, e.g. dsm.")
    String name;

    @Override
    public Integer call() {
        try (PluginSystem system = PluginSystem.load(root.pluginsFolder())) {
            ExperimentLoader loader = new ExperimentLoader(system.components());
            boolean found = false;
            for (ComponentInfo c : system.components().all()) {
                if (!c.name().equals(name)) {
                    continue;
                }
                found = true;
                Config defaults = loader.defaultsOf(system.components().provider(c.kind(), c.name()));
                root.out.printf("%s '%s' (plugin %s): %s%n", c.kind().key(), c.name(), c.pluginId(), c.description());
                root.out.println(defaults.isEmpty() ? "  (no settings)" : defaults.root().render(
                        ConfigRenderOptions.defaults().setOriginComments(false).setComments(true).setJson(false)));
            }
            if (!found) {
                throw new UnknownComponentException("component", name, system.components().all().stream().map(ComponentInfo::name).distinct().toList());
            }
        }
        return EbmCommand.OK;
    }

}
