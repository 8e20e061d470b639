package org.ebm4j.plugins.csvmetrics;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingStart;

/**
 * A metric sink: each published metric becomes a row {@code step,source,metric,value} of a CSV file in the run
 * folder, flushed per set of metrics, so a killed run loses no row it published. A header is written once.
 */
final class CsvMetrics implements TrainingListener, AutoCloseable {

    private final String fileName;
    private final List<String> sources;
    private BufferedWriter out;

    CsvMetrics(String fileName, List<String> sources) {
        this.fileName = fileName;
        this.sources = List.copyOf(sources);
    }

    @Override
    public void onStart(TrainingStart start) {
        Path file = start.runFolder().resolve(fileName);
        try {
            boolean fresh = !Files.exists(file) || Files.size(file) == 0;
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            if (fresh) {
                out.write("step,source,metric,value");
                out.newLine();
                out.flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void onMetrics(long step, String source, Map<String, Double> metrics) {
        if (out == null || (!sources.isEmpty() && !sources.contains(source))) {
            return;
        }
        try {
            for (Map.Entry<String, Double> m : metrics.entrySet()) {
                out.write(step + "," + quoted(source) + "," + quoted(m.getKey()) + "," + m.getValue());
                out.newLine();
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
    static String quoted(String field) {
        if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
            return '"' + field.replace("\"", "\"\"") + '"';
        }
        return field;
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
