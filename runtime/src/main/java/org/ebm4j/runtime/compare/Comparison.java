package org.ebm4j.runtime.compare;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ebm4j.runtime.config.UsageException;

/**
 * Runs grouped into variants, and per metric a table of each variant's summary over its seeds, as markdown or CSV.
 * A metric is named in full ({@code exact-nll-2d/test-nll}) or by its last part ({@code test-nll}: in each run, the first
 * evaluator that reports it).
 */
public record Comparison(List<RunRecord> runs, List<String> metrics, List<List<MetricSummary>> tables,
                         List<List<PairedDifference>> differences) {

    /**
     * The metrics shown when none are asked for: the test NLL and the training speed ({@code train/steps-per-s}: the last
     * log window's, without evaluations; {@code steps-per-s} is over the whole run, evaluations included).
     */
    public static final List<String> DEFAULT_METRICS = List.of("test-nll", "train/steps-per-s");

    public Comparison {
        runs = List.copyOf(runs);
        metrics = List.copyOf(metrics);
        tables = tables.stream().map(List::copyOf).toList();
        differences = differences.stream().map(List::copyOf).toList();
    }

    /** {@link #of(List, List, String)} with every pair of variants compared. */
    public static Comparison of(List<RunRecord> runs, List<String> metrics) {
        return of(runs, metrics, null);
    }

    /**
     * Summarises {@code metrics} over the runs of each variant (variants in order of their first run), and pairs the
     * variants' values seed by seed: every pair, or each variant against {@code baseline} when one is named.
     */
    public static Comparison of(List<RunRecord> runs, List<String> metrics, String baseline) {
        if (runs.isEmpty()) {
            throw new UsageException("No finished runs found (a run folder holds summary.json once its training ends)");
        }
        Map<String, List<RunRecord>> byVariant = new LinkedHashMap<>();
        runs.forEach(r -> byVariant.computeIfAbsent(r.variant(), v -> new ArrayList<>()).add(r));
        List<List<MetricSummary>> tables = new ArrayList<>();
        for (String metric : metrics) {
            List<MetricSummary> rows = new ArrayList<>();
            byVariant.forEach((variant, list) -> {
                Map<Long, Double> bySeed = new TreeMap<>();
                for (RunRecord r : list) {
                    value(r, metric).ifPresent(v -> bySeed.merge(r.seed(), v, (a, b) -> {
                        throw new UsageException("Two runs of '" + variant + "' with seed " + r.seed() + " (one is " + r.folder()
                                + "): compare each once, or give them different seeds");
                    }));
                }
                if (!bySeed.isEmpty()) {
                    rows.add(MetricSummary.of(variant, metric, bySeed));
                }
            });
            if (rows.isEmpty()) {
                Map<String, Boolean> known = new TreeMap<>();
                runs.forEach(r -> r.metrics().keySet().forEach(k -> known.put(k, true)));
                throw new UsageException("No run reports '" + metric + "'; metrics found: " + String.join(", ", known.keySet()));
            }
            tables.add(rows);
        }
        if (baseline != null && !byVariant.containsKey(baseline)) {
            throw new UsageException("--baseline '" + baseline + "' is not a variant here; the variants are: " + String.join(", ", byVariant.keySet()));
        }
        List<List<PairedDifference>> differences = new ArrayList<>();
        for (List<MetricSummary> rows : tables) {
            differences.add(PairedDifference.pairs(rows, baseline, BOOTSTRAP_SEED));
        }
        return new Comparison(runs, metrics, tables, differences);
    }

    /** The bootstrap's seed: a fixed one, so the same runs always give the same intervals. */
    static final long BOOTSTRAP_SEED = 20_261_202L;

    /** The run's value of {@code metric}: by full name, else the first {@code <label>/<metric>}. */
    public static Optional<Double> value(RunRecord run, String metric) {
        Double exact = run.metrics().get(metric);
        if (exact != null) {
            return Optional.of(exact);
        }
        return run.metrics().entrySet().stream().filter(e -> e.getKey().endsWith("/" + metric)).map(Map.Entry::getValue).findFirst();
    }

    /** One markdown table per metric: variant, runs, median, mean ± s.d., range, each seed's value. */
    public String markdown() {
        StringBuilder b = new StringBuilder();
        for (int t = 0; t < metrics.size(); t++) {
            b.append("### ").append(metrics.get(t)).append("\n\n");
            b.append("| variant | runs | median | mean ± s.d. | range | by seed |\n|---|---|---|---|---|---|\n");
            for (MetricSummary s : tables.get(t)) {
                b.append("| ").append(s.variant()).append(" | ").append(s.n()).append(s.finite() < s.n() ? " (" + (s.n() - s.finite())
                        + " not finite)" : "").append(" | ").append(number(s.median())).append(" | ").append(number(s.mean()))
                        .append(" ± ").append(number(s.sd())).append(" | ").append(number(s.min())).append(" – ")
                        .append(number(s.max())).append(" | ");
                List<String> seeds = new ArrayList<>();
                s.bySeed().forEach((seed, v) -> seeds.add(seed + ": " + number(v)));
                b.append(String.join(", ", seeds)).append(" |\n");
            }
            b.append('\n');
            List<PairedDifference> pairs = differences.get(t);
            if (!pairs.isEmpty()) {
                b.append("Paired differences (first − second over the seeds both ran; bootstrap-t 95 % interval of the mean, "
                        + "percentile with fewer than " + PairedDifference.MIN_SEEDS_FOR_T + " seeds, marked *):\n\n");
                b.append("| first − second | seeds | mean difference | 95 % interval | verdict |\n|---|---|---|---|---|\n");
                for (PairedDifference d : pairs) {
                    b.append("| ").append(d.first()).append(" − ").append(d.second()).append(" | ").append(d.pairs()).append(" | ")
                            .append(number(d.mean())).append(" | ").append(number(d.lower())).append(" – ").append(number(d.upper()))
                            .append(d.method().equals("percentile") ? " *" : "").append(" | ").append(d.verdict()).append(" |\n");
                }
                b.append('\n');
            }
        }
        return b.toString();
    }

    /** Every paired difference as a CSV row: metric, first, second, seeds, mean, lower, upper, verdict, then seed:value pairs. */
    public String differencesCsv() {
        StringBuilder b = new StringBuilder("metric,first,second,seeds,mean,lower,upper,method,established,verdict,by-seed\n");
        for (List<PairedDifference> pairs : differences) {
            for (PairedDifference d : pairs) {
                List<String> seeds = new ArrayList<>();
                d.bySeed().forEach((seed, v) -> seeds.add(seed + ":" + v));
                b.append(quote(d.metric())).append(',').append(quote(d.first())).append(',').append(quote(d.second())).append(',')
                        .append(d.pairs()).append(',').append(d.mean()).append(',').append(d.lower()).append(',').append(d.upper())
                        .append(',').append(d.method()).append(',').append(d.established()).append(',').append(quote(d.verdict())).append(',')
                        .append(quote(String.join(" ", seeds))).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * Everything as one JSON-ready value: the runs (folder, variant, seed) and per metric the summaries and paired
     * differences. Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity".
     */
    public Map<String, Object> json() {
        Map<String, Object> out = new LinkedHashMap<>();
        List<Map<String, Object>> runList = new ArrayList<>();
        for (RunRecord r : runs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("folder", r.folder().toString());
            m.put("variant", r.variant());
            m.put("seed", r.seed());
            m.put("diverged", r.diverged());
            runList.add(m);
        }
        out.put("runs", runList);
        List<Map<String, Object>> metricList = new ArrayList<>();
        for (int t = 0; t < metrics.size(); t++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("metric", metrics.get(t));
            List<Map<String, Object>> rows = new ArrayList<>();
            for (MetricSummary s : tables.get(t)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("variant", s.variant());
                row.put("runs", s.n());
                row.put("finite", s.finite());
                row.put("median", json(s.median()));
                row.put("mean", json(s.mean()));
                row.put("sd", json(s.sd()));
                row.put("min", json(s.min()));
                row.put("max", json(s.max()));
                row.put("by-seed", bySeed(s.bySeed()));
                rows.add(row);
            }
            m.put("variants", rows);
            List<Map<String, Object>> pairs = new ArrayList<>();
            for (PairedDifference d : differences.get(t)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("first", d.first());
                row.put("second", d.second());
                row.put("seeds", d.pairs());
                row.put("mean", json(d.mean()));
                row.put("lower", json(d.lower()));
                row.put("upper", json(d.upper()));
                row.put("interval", d.method());
                row.put("established", d.established());
                row.put("verdict", d.verdict());
                row.put("by-seed", bySeed(d.bySeed()));
                pairs.add(row);
            }
            m.put("differences", pairs);
            metricList.add(m);
        }
        out.put("metrics", metricList);
        out.put("bootstrap", Map.of("resamples", PairedDifference.RESAMPLES, "seed", BOOTSTRAP_SEED, "interval",
                "95 %: bootstrap-t from " + PairedDifference.MIN_SEEDS_FOR_T + " seeds, percentile below"));
        return out;
    }

    private static Object json(double v) {
        return Double.isFinite(v) ? (Object) v : String.valueOf(v);
    }

    private static Map<String, Object> bySeed(Map<Long, Double> values) {
        Map<String, Object> m = new LinkedHashMap<>();
        values.forEach((seed, v) -> m.put(Long.toString(seed), json(v)));
        return m;
    }

    /** Every summary as a CSV row: variant, metric, runs, finite, median, mean, sd, min, max, then seed:value pairs. */
    public String csv() {
        StringBuilder b = new StringBuilder("variant,metric,runs,finite,median,mean,sd,min,max,by-seed\n");
        for (List<MetricSummary> table : tables) {
            for (MetricSummary s : table) {
                List<String> seeds = new ArrayList<>();
                s.bySeed().forEach((seed, v) -> seeds.add(seed + ":" + v));
                b.append(quote(s.variant())).append(',').append(quote(s.metric())).append(',').append(s.n()).append(',').append(s.finite())
                        .append(',').append(s.median()).append(',').append(s.mean()).append(',').append(s.sd()).append(',').append(s.min())
                        .append(',').append(s.max()).append(',').append(quote(String.join(" ", seeds))).append('\n');
            }
        }
        return b.toString();
    }

    /**
     * Writes every form into {@code dir}: {@code compare.md}, {@code compare.csv} (the summaries), {@code differences.csv},
     * {@code compare.json} and {@code compare.html}, each whole.
     */
    public void writeAll(java.nio.file.Path dir, String title) {
        org.ebm4j.runtime.run.AtomicFiles.writeString(dir.resolve("compare.md"), "# " + title + "\n\n" + markdown());
        org.ebm4j.runtime.run.AtomicFiles.writeString(dir.resolve("compare.csv"), csv());
        org.ebm4j.runtime.run.AtomicFiles.writeString(dir.resolve("differences.csv"), differencesCsv());
        org.ebm4j.runtime.run.AtomicFiles.writeJson(dir.resolve("compare.json"), json());
        CompareReport.write(this, dir.resolve("compare.html"), title);
    }

    /** Four significant digits, enough to tell seeds apart without a wall of digits. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return String.valueOf(v);
        }
        if (v != 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) {
            return String.format(Locale.ROOT, "%.3e", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
