package org.ebm4j.runtime.cli;

import java.util.concurrent.Callable;
import org.ebm4j.runtime.plugin.ComponentInfo;
import org.ebm4j.runtime.plugin.NameConflict;
import org.ebm4j.runtime.plugin.PluginFailure;
import org.ebm4j.runtime.plugin.PluginInfo;
import org.ebm4j.runtime.plugin.PluginSystem;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "plugins", mixinStandardHelpOptions = true,
        description = {"List the plugins, the components they provide (under the names experiments use), names several "
                + "plugins register, and the jars that failed to load.",
                "Exit 0, also when some jars failed: the others are usable."})
final class PluginsCommand implements Callable<Integer> {

    @ParentCommand
    EbmCommand root;

    @Override
    public Integer call() {
        var out = root.out;
        java.util.List<java.nio.file.Path> folders = root.pluginFolders();
        try (PluginSystem system = PluginSystem.load(folders)) {
            out.println("Plugins in " + folders.stream().map(f -> f.toAbsolutePath().toString())
                    .collect(java.util.stream.Collectors.joining(", ")) + ":");
            for (PluginInfo p : system.plugins()) {
                out.printf("  %-20s %-10s %-8s %s%n", p.id(), p.version(), p.state(), p.jar().getFileName());
            }
            out.println("Components:");
            for (ComponentInfo c : system.components().all()) {
                out.printf("  %-10s %-24s %s  [%s]%n", c.kind().key(), c.name(), c.description(), c.pluginId());
            }
            if (!system.components().conflicts().isEmpty()) {
                out.println("Name conflicts:");
                for (NameConflict c : system.components().conflicts()) {
                    out.println("  " + c.describe());
                }
            }
            if (!system.failures().isEmpty()) {
                out.println("Not loaded:");
                for (PluginFailure f : system.failures()) {
                    out.println("  " + f);
                }
            }
        }
        return EbmCommand.OK;
    }
}
