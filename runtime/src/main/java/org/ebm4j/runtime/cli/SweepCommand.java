package org.ebm4j.runtime.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ebm4j.runtime.compare.Comparison;
import org.ebm4j.runtime.compare.RunRecord;
import org.ebm4j.runtime.config.UsageException;
import org.ebm4j.runtime.sweep.SweepSpec;
import org.ebm4j.runtime.sweep.Sweeps;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = {"Run an experiment at every point of a sweep file (variants × axis values × seeds), each point its own "
                + "run under DIR/points/, several at a time; then the table of ebm compare over them.",
                "Run again, a sweep skips finished points and resumes interrupted ones. Exit 0 when every point finished, 1 when "
                + "one failed (the others still ran), 2 on a bad sweep file."})
final class SweepCommand implements Callable<Integer> {

    @ParentCommand
    EbmCommand root;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "The sweep file (HOCON): experiment, seeds, axes, variants, metrics.")
    Path file;

    @Option(names = "--out", paramLabel = "DIR", description = "The sweep's folder (default: sweeps/<sweep file name>). "
            + "Give the same one to continue a sweep.")
    Path out;

    @Option(names = "--workers", paramLabel = "N", description = "Points run at once (default: the number of cores); each gets "
            + "cores / N threads, at least one.")
    Integer workers;

    @Override
    public Integer call() {
        SweepSpec spec = SweepSpec.load(file);
        String home = System.getProperty("ebm.home");
        Path ebm = home == null ? null : Path.of(home, "bin", "ebm");
        if (ebm == null || !Files.isExecutable(ebm)) {
            throw new UsageException("ebm sweep runs each point with bin/ebm; start it from the distribution's bin/ebm (ebm.home is "
                    + (home == null ? "not set" : home) + ")");
        }
        String name = file.getFileName().toString().replaceFirst("\\.conf$", "");
        Path dir = out != null ? out : Path.of("sweeps", name);
        List<String> pluginArguments = new ArrayList<>();
        for (Path p : root.plugins) {
            pluginArguments.add("--plugins");
            pluginArguments.add(p.toAbsolutePath().toString());
        }
        if (root.pluginsOnly) {
            pluginArguments.add("--plugins-only");
        }
        int n = workers != null ? workers : Runtime.getRuntime().availableProcessors();
        List<Sweeps.Outcome> outcomes = new Sweeps(ebm, pluginArguments).run(spec, dir.toAbsolutePath(), n, root.out);
        long failed = outcomes.stream().filter(o -> o.exitCode() != 0).count();
        List<RunRecord> runs = RunRecord.find(List.of(dir.resolve("points")));
        if (!runs.isEmpty()) {
            Comparison c = Comparison.of(runs, spec.metrics().isEmpty() ? Comparison.DEFAULT_METRICS : spec.metrics());
            root.out.println();
            root.out.print(c.markdown());
            c.writeAll(dir, "sweep " + name);
        }
        root.out.printf("%d of %d points finished; sweep.json, compare.md/.csv/.json/.html and differences.csv in %s%n",
                outcomes.size() - failed, outcomes.size(), dir);
        return failed == 0 ? EbmCommand.OK : EbmCommand.FAILURE;
    }
}
