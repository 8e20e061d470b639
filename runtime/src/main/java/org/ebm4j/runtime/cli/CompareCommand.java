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
                + "range and every seed's value; then the paired differences between variants over the seeds both ran, "
                + "with bootstrap 95 % intervals.",
                "Exit 0, or 2 when no run or no metric is found."})
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    EbmCommand root;

    @Parameters(arity = "1..*", paramLabel = "DIR", description = "Run folders, or folders that hold them (e.g. runs/).")
    List<Path> folders = new ArrayList<>();

    @Option(names = "--metric", paramLabel = "NAME", description = "A metric to tabulate (repeatable): a full name such as "
            + "exact-nll-2d/test-nll, or its last part (test-nll: the first evaluator reporting it). Default: test-nll and train/steps-per-s (the last log window's training speed; steps-per-s is over the whole run, evaluations included).")
    List<String> metrics = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "What to print: markdown (the tables and the paired "
            + "differences), csv (the summaries; differences.csv in --out has the differences) or json (everything). "
            + "Default: ${DEFAULT-VALUE}.", defaultValue = "markdown")
    String format;

    @Option(names = "--baseline", paramLabel = "VARIANT", description = "Compare each variant with this one only (default: every pair).")
    String baseline;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write compare.md, compare.csv, differences.csv, compare.json "
            + "and compare.html (the tables with the variants' pictures side by side; opens offline) into DIR.")
    Path out;

    @Override
    public Integer call() throws java.io.IOException {
        if (!List.of("markdown", "csv", "json").contains(format)) {
            throw new org.ebm4j.runtime.config.UsageException("--format must be markdown, csv or json, got '" + format + "'");
        }
        List<RunRecord> runs = RunRecord.find(folders);
        Comparison c = Comparison.of(runs, metrics.isEmpty() ? Comparison.DEFAULT_METRICS : metrics, baseline);
        switch (format) {
            case "csv" -> root.out.print(c.csv());
            case "json" -> root.out.println(new com.fasterxml.jackson.databind.ObjectMapper()
                    .enable(com.fasterxml.jackson.databind.SerializationFeature.INDENT_OUTPUT).writeValueAsString(c.json()));
            default -> root.out.print(c.markdown());
        }
        if (out != null) {
            c.writeAll(out, "ebm compare " + String.join(" ", folders.stream().map(Path::toString).toList()));
            root.err.println("compare.md, compare.csv, differences.csv, compare.json and compare.html in " + out);
        }
        return EbmCommand.OK;
    }
}
