package org.ebm4j.runtime.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.runtime.training.TrainingListener;
import org.ebm4j.runtime.training.TrainingOutcome;

/** {@code metrics.jsonl}: one JSON object per logged step (and per evaluation), flushed line by line. */
public final class MetricsLog implements TrainingListener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;

    public MetricsLog(Path file) {
        try {
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onLog(long step, Map<String, Double> metrics) {
        write(step, metrics);
    }

    @Override
    public void onEvaluation(long step, Evaluation evaluation) {
        write(step, evaluation.metrics());
    }

    private void write(long step, Map<String, Double> metrics) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", step);
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
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onEnd(TrainingOutcome outcome) {
        close();
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
