package org.ebm4j.runtime.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.ebm4j.runtime.compare.Comparison;
import org.ebm4j.runtime.compare.RunRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Tables of finished runs: the runs in or under each DIR grouped into variants (one experiment with one "
                + "set of --set overrides; the seed aside), and per metric each variant's median, mean ± s.d. over seeds, "
                + "range and every seed's value.",
                "Exit 0, or 2 when no run or no metric is found."})
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    EbmCommand root;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run folders, or folders that hold them (e.g. runs/).")
    List<Path> folders = new ArrayList<>();

    @Option(names = "--metric", paramLabel = "NAME", description = "A metric to tabulate (repeatable): a full name such as "
            + "exact-nll-2d/test-nll, or its last part (test-nll: the first evaluator reporting it). Default: test-nll and train/steps-per-s (the last log window's training speed; steps-per-s is over the whole run, evaluations included).")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "markdown or csv. Default: ${DEFAULT-VALUE}.", defaultValue = "markdown")
    String format;

    @Override
    public Integer call() {
        if (!format.equals("markdown") && !format.equals("csv")) {
            throw new org.ebm4j.runtime.config.UsageException("--format must be markdown or csv, got '" + format + "'");
        }
        List<RunRecord> runs = RunRecord.find(folders);
        Comparison c = Comparison.of(runs, metrics.isEmpty() ? Comparison.DEFAULT_METRICS : metrics);
        root.out.print(format.equals("csv") ? c.csv() : c.markdown());
        return EbmCommand.OK;
    }
}
