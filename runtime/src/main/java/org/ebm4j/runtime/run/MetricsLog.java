package org.ebm4j.runtime.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.ebm4j.api.EbmException;
import org.ebm4j.api.training.TrainingListener;

/**
 * {@code metrics.jsonl}: one JSON object per published set of metrics, {@code {"step": …, "source": …, …}}, where the
 * source says who measured it ({@code train} for log windows, {@code validation}, an evaluator's label); flushed
 * line by line, appended to on resume.
 */
public final class MetricsLog implements TrainingListener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final java.nio.file.Path file;
    private final BufferedWriter out;

    @Inject
    public MetricsLog(RunFolder folder) {
        this.file = folder.metrics();
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new EbmException("Cannot open " + file + " for the metrics: " + RunFolder.cause(e), e);
        }
    }

    @Override
    public void onMetrics(long step, String source, Map<String, Double> metrics) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
        line.put("source", source);
        metrics.forEach((k, v) -> {
            if (Double.isFinite(v)) {
                line.put(k, v);
            } else {
                line.put(k, String.valueOf(v));
            }
        });
        try {
            out.write(JSON.writeValueAsString(line));
            out.newLine();
            out.flush();
        } catch (IOException e) {
            throw new EbmException("Cannot write the metrics to " + file + ": " + RunFolder.cause(e), e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new EbmException("Cannot write the metrics to " + file + ": " + RunFolder.cause(e), e);
        }
    }
}
