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
public record Comparison(List<RunRecord> runs, List<String> metrics, List<List<MetricSummary>> tables) {

    /**
     * The metrics shown when none are asked for: the test NLL and the training speed ({@code train/steps-per-s}: the last
     * log window's, without evaluations; {@code steps-per-s} is over the whole run, evaluations included).
     */
    public static final List<String> DEFAULT_METRICS = List.of("test-nll", "train/steps-per-s");

    public Comparison {
        runs = List.copyOf(runs);
        metrics = List.copyOf(metrics);
        tables = tables.stream().map(List::copyOf).toList();
    }

    /** Summarises {@code metrics} over the runs of each variant (variants in order of their first run). */
    public static Comparison of(List<RunRecord> runs, List<String> metrics) {
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
        return new Comparison(runs, metrics, tables);
    }

    /** The run's value of {@code metric}: by full name, else the first {@code <label>/<metric>}. */
    static Optional<Double> value(RunRecord run, String metric) {
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
        }
        return b.toString();
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
