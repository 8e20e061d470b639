package org.ebm4j.runtime.compare;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.ebm4j.runtime.run.AtomicFiles;
import org.ebm4j.runtime.run.RunReport;

/**
 * {@code compare.html}: a comparison as one page that opens offline in any browser: per metric the variants' table and
 * the paired differences (those whose interval excludes 0 marked), then the variants' pictures side by side, one row
 * per picture (curves, densities, samples), one column per variant, each from the variant's run with the lowest seed.
 * Pictures are linked relative to the page, so the page works wherever the runs and it move together. Once loaded, the
 * page counts the pictures that displayed in {@code body data-images} (what the headless-browser test reads).
 */
public final class CompareReport {

    private CompareReport() {}

    /** Writes the page to {@code target}, whole. */
    public static void write(Comparison c, Path target, String title) {
        Path base = target.toAbsolutePath().getParent();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(RunReport.escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em}"
                        + "table{border-collapse:collapse;margin-bottom:1em}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}"
                        + "td.n{text-align:right;font-variant-numeric:tabular-nums}tr.established{background:#e8f4e8}"
                        + ".pictures td{vertical-align:top}.pictures img{width:320px;border:1px solid #ddd}"
                        + "</style></head>\n<body data-images=\"pending\">\n");
        html.append("<h1>").append(RunReport.escape(title)).append("</h1>\n<p>").append(c.runs().size())
                .append(" runs. Paired differences are first − second over the seeds both variants ran, with a bootstrap-t ")
                .append("95 % interval of their mean (").append(PairedDifference.RESAMPLES).append(" resamples; percentile with fewer than ")
                .append(PairedDifference.MIN_SEEDS_FOR_T).append(" seeds, marked *); rows whose interval excludes 0 are shaded.</p>\n");
        for (int t = 0; t < c.metrics().size(); t++) {
            html.append("<h2>").append(RunReport.escape(c.metrics().get(t))).append("</h2>\n<table>\n<tr><th>variant</th><th>runs</th>"
                    + "<th>median</th><th>mean</th><th>s.d.</th><th>range</th><th>by seed</th></tr>\n");
            for (MetricSummary s : c.tables().get(t)) {
                List<String> seeds = new ArrayList<>();
                s.bySeed().forEach((seed, v) -> seeds.add(seed + ": " + Comparison.number(v)));
                html.append("<tr><td>").append(RunReport.escape(s.variant())).append("</td><td class=\"n\">").append(s.n())
                        .append("</td><td class=\"n\">").append(Comparison.number(s.median())).append("</td><td class=\"n\">")
                        .append(Comparison.number(s.mean())).append("</td><td class=\"n\">").append(Comparison.number(s.sd()))
                        .append("</td><td class=\"n\">").append(Comparison.number(s.min())).append(" – ").append(Comparison.number(s.max()))
                        .append("</td><td>").append(RunReport.escape(String.join(", ", seeds))).append("</td></tr>\n");
            }
            html.append("</table>\n");
            List<PairedDifference> pairs = c.differences().get(t);
            if (!pairs.isEmpty()) {
                html.append("<table>\n<tr><th>first − second</th><th>seeds</th><th>mean difference</th><th>95 % interval</th><th>verdict</th></tr>\n");
                for (PairedDifference d : pairs) {
                    html.append(d.established() ? "<tr class=\"established\">" : "<tr>").append("<td>")
                            .append(RunReport.escape(d.first() + " − " + d.second())).append("</td><td class=\"n\">").append(d.pairs())
                            .append("</td><td class=\"n\">").append(Comparison.number(d.mean())).append("</td><td class=\"n\">")
                            .append(Comparison.number(d.lower())).append(" – ").append(Comparison.number(d.upper()))
                            .append(d.method().equals("percentile") ? " *" : "").append("</td><td>")
                            .append(RunReport.escape(d.verdict())).append("</td></tr>\n");
                }
                html.append("</table>\n");
            }
        }
        pictures(c, base, html);
        html.append("<script>window.addEventListener('load', function () {\n"
                + "  var images = Array.from(document.images);\n"
                + "  var shown = images.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;\n"
                + "  document.body.setAttribute('data-images', 'shown ' + shown + ' of ' + images.length);\n"
                + "});</script>\n</body></html>\n");
        AtomicFiles.writeString(target, html.toString());
    }

    /** One row per picture name, one column per variant (its lowest seed's run). */
    private static void pictures(Comparison c, Path base, StringBuilder html) {
        Map<String, RunRecord> shown = new LinkedHashMap<>();
        c.runs().stream().sorted(Comparator.comparingLong(RunRecord::seed))
                .forEach(r -> shown.putIfAbsent(r.variant(), r));
        Map<String, Map<String, Path>> byVariant = new LinkedHashMap<>();
        TreeSet<String> names = new TreeSet<>(Comparator.comparing((String n) -> !n.endsWith("curves.png")).thenComparing(n -> n));
        c.runs().stream().map(RunRecord::variant).distinct().forEach(variant -> {
            RunRecord run = shown.get(variant);
            Map<String, Path> pictures = new LinkedHashMap<>();
            for (Path png : RunReport.pictures(run.folder())) {
                String name = run.folder().relativize(png).toString().replace('\\', '/');
                pictures.put(name, png);
                names.add(name);
            }
            byVariant.put(variant, pictures);
        });
        if (names.isEmpty()) {
            return;
        }
        html.append("<h2>Pictures</h2>\n<p>Each variant's run with the lowest seed.</p>\n<table class=\"pictures\">\n<tr><th></th>");
        byVariant.forEach((variant, p) -> html.append("<th>").append(RunReport.escape(variant)).append(" (seed ")
                .append(shown.get(variant).seed()).append(")</th>"));
        html.append("</tr>\n");
        for (String name : names) {
            html.append("<tr><th>").append(RunReport.escape(name)).append("</th>");
            byVariant.forEach((variant, p) -> {
                Path png = p.get(name);
                html.append("<td>");
                if (png != null) {
                    String link = base.relativize(png.toAbsolutePath()).toString().replace('\\', '/');
                    html.append("<a href=\"").append(RunReport.escape(link)).append("\"><img src=\"").append(RunReport.escape(link))
                            .append("\" alt=\"").append(RunReport.escape(variant + ": " + name)).append("\"></a>");
                }
                html.append("</td>");
            });
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }
}
