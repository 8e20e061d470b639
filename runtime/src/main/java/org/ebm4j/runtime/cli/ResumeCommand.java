package org.ebm4j.runtime.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.ebm4j.runtime.plugin.PluginSystem;
import org.ebm4j.runtime.run.Runs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run from its latest checkpoint, in the same folder.")
final class ResumeCommand implements Callable<Integer> {

    @ParentCommand
    EbmCommand root;

    @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A run folder (runs/<experiment>/<run-id>).")
    Path runDir;

    @Override
    public Integer call() {
        try (PluginSystem plugins = root.loadPlugins()) {
            return Report.finished(root, new Runs(plugins).resume(runDir, root.out, System.console() != null));
        }
    }
}
