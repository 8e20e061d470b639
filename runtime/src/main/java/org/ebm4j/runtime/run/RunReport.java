package org.ebm4j.runtime.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code report.html}: one page per run that opens offline in any browser: what ran and how it ended (the summary's
 * headline numbers), every picture the run drew (curves, densities, samples; linked, so the folder stays the only
 * copy), and the settings it ran with. The page counts, once loaded, the pictures that displayed and those that did
 * not, in {@code body data-images} (what the headless-browser test reads).
 */
public final class RunReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private RunReport() {}

    /** Writes {@code report.html} into the run folder, whole; returns its path. */
    public static Path write(RunFolder folder, String title, Map<String, Object> summary) {
        Path target = folder.dir().resolve("report.html");
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(escape(title))
                .append("</title>\n<style>body{font-family:sans-serif;margin:2em;max-width:1200px}"
                        + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}"
                        + "img{max-width:100%;border:1px solid #ddd;margin:4px 0}pre{background:#f6f6f6;padding:1em;overflow:auto}"
                        + "</style></head>\n<body data-images=\"pending\">\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n<h2>Summary</h2>\n<table>\n");
        rows(html, "", summary, 0);
        html.append("</table>\n<h2>Pictures</h2>\n");
        for (Path png : pictures(folder.dir())) {
            String relative = folder.dir().relativize(png).toString().replace('\\', '/');
            html.append("<figure><img src=\"").append(escape(relative)).append("\" alt=\"").append(escape(relative))
                    .append("\"><figcaption>").append(escape(relative)).append("</figcaption></figure>\n");
        }
        html.append("<h2>Every number of summary.json</h2>\n<pre>").append(escape(json(summary))).append("</pre>\n");
        html.append("<h2>Settings (config.conf)</h2>\n<pre>").append(escape(read(folder.config()))).append("</pre>\n");
        html.append("<script>window.addEventListener('load', function () {\n"
                + "  var images = Array.from(document.images);\n"
                + "  var shown = images.filter(function (i) { return i.complete && i.naturalWidth > 0; }).length;\n"
                + "  document.body.setAttribute('data-images', 'shown ' + shown + ' of ' + images.length);\n"
                + "});</script>\n</body></html>\n");
        folder.writeText(target, html.toString());
        return target;
    }

    /** The summary's values as rows, nested sections (an evaluator's results) two levels deep as "section / key". */
    private static void rows(StringBuilder html, String prefix, Map<?, ?> values, int depth) {
        for (Map.Entry<?, ?> e : values.entrySet()) {
            String key = prefix + e.getKey();
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                if (depth < 2) {
                    rows(html, key + " / ", nested, depth + 1);
                }
            } else if (!(v instanceof List)) {
                html.append("<tr><th>").append(escape(key)).append("</th><td>").append(escape(String.valueOf(v))).append("</td></tr>\n");
            }
        }
    }

    /** Every picture in a run folder: curves first, then the evaluators' pictures in path order. */
    public static List<Path> pictures(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".png"))
                    .filter(f -> !f.getFileName().toString().startsWith("."))
                    .sorted((a, b) -> { // curves first, then the evaluators' pictures in path order
                        boolean ca = a.getFileName().toString().equals("curves.png");
                        boolean cb = b.getFileName().toString().equals("curves.png");
                        return ca != cb ? (ca ? -1 : 1) : a.compareTo(b);
                    })
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (IOException e) {
            return String.valueOf(value);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(" + file.getFileName() + " could not be read: " + e.getMessage() + ")";
        }
    }

    /** Text made safe inside HTML elements and attribute values. */
    public static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
