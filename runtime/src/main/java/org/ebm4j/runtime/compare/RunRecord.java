package org.ebm4j.runtime.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.runtime.config.UsageException;

/**
 * One finished run as a comparison sees it: its folder, experiment, seed, the {@code --set} overrides other than the
 * seed (together with the experiment they name its variant), whether it diverged, and its numbers by name:
 * {@code <evaluator label>/<metric>} for evaluations, {@code train/<metric>} for the last log window's training metrics
 * (losses, {@code train/steps-per-s}), plus {@code steps-per-s} (over the whole run, evaluations included),
 * {@code wall-seconds} and {@code steps}.
 */
public record RunRecord(Path folder, String experiment, long seed, List<String> overrides, Optional<String> label,
                        boolean diverged, Map<String, Double> metrics) {

    /**
     * The file a sweep leaves in each point's folder ({@code <point>/<experiment>/<run>/} is the run): its label names
     * the run's variant.
     */
    public static final String POINT_FILE = "point.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    public RunRecord {
        overrides = List.copyOf(overrides);
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /**
     * What the run's variant is called: a sweep point's label, else the experiment and its overrides (runs of one variant
     * differ only in their seed).
     */
    public String variant() {
        return label.orElseGet(() -> overrides.isEmpty() ? experiment : experiment + " " + String.join(" ", overrides));
    }

    /**
     * The run in {@code folder}, if it has finished: {@code summary.json} written, and not by a run that was interrupted
     * (a signal stops a run with a checkpoint and a summary that says so; it is resumed, not compared).
     */
    public static Optional<RunRecord> read(Path folder) {
        Path summaryFile = folder.resolve("summary.json");
        if (!Files.isRegularFile(summaryFile)) {
            return Optional.empty();
        }
        try {
            JsonNode summary = JSON.readTree(summaryFile.toFile());
            if (summary.hasNonNull("interrupted")) {
                return Optional.empty();
            }
            Path provenanceFile = folder.resolve("provenance.json");
            JsonNode provenance = Files.isRegularFile(provenanceFile) ? JSON.readTree(provenanceFile.toFile()) : JSON.createObjectNode();
            Map<String, Double> metrics = new LinkedHashMap<>();
            summary.path("evaluation").fields().forEachRemaining(label -> label.getValue().fields().forEachRemaining(m ->
                    number(m.getValue()).ifPresent(v -> metrics.put(label.getKey() + "/" + m.getKey(), v))));
            summary.path("final-metrics").fields().forEachRemaining(m -> number(m.getValue()).ifPresent(v -> metrics.put("train/" + m.getKey(), v)));
            for (String key : List.of("steps-per-s", "wall-seconds", "steps")) {
                number(summary.path(key)).ifPresent(v -> metrics.put(key, v));
            }
            List<String> overrides = new ArrayList<>();
            provenance.path("overrides").forEach(o -> {
                if (!o.asText().replace(" ", "").startsWith("seed=")) {
                    overrides.add(o.asText());
                }
            });
            long seed = provenance.path("seed").asLong(summary.path("seed").asLong(0));
            Optional<String> label = Optional.empty();
            Path experimentDir = folder.toAbsolutePath().getParent();
            Path point = experimentDir == null || experimentDir.getParent() == null ? null : experimentDir.getParent().resolve(POINT_FILE);
            if (point != null && Files.isRegularFile(point)) {
                label = Optional.of(JSON.readTree(point.toFile()).path("label").asText()).filter(s -> !s.isBlank());
            }
            return Optional.of(new RunRecord(folder, summary.path("experiment").asText(folder.getFileName().toString()), seed, overrides,
                    label, summary.path("diverged").asBoolean(false), metrics));
        } catch (IOException e) {
            throw new UsageException("Cannot read the run in " + folder + ": " + e.getMessage());
        }
    }

    /** Every finished run in or under {@code roots} (a run folder, an experiment's folder of runs, a sweep...), by path. */
    public static List<RunRecord> find(List<Path> roots) {
        List<RunRecord> all = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                throw new UsageException("Not a folder: " + root.toAbsolutePath() + " (give run folders or folders that hold them)");
            }
            try (var walk = Files.walk(root, 6)) {
                walk.filter(p -> p.getFileName() != null && p.getFileName().toString().equals("summary.json"))
                        .map(Path::getParent).sorted().forEach(f -> read(f).ifPresent(all::add));
            } catch (IOException e) {
                throw new UsageException("Cannot read " + root.toAbsolutePath() + ": " + e.getMessage());
            }
        }
        return all;
    }

    private static Optional<Double> number(JsonNode n) {
        if (n.isNumber()) {
            return Optional.of(n.asDouble());
        }
        if (n.isTextual() && (n.asText().equals("NaN") || n.asText().endsWith("Infinity"))) {
            return Optional.of(Double.parseDouble(n.asText())); // how summary.json writes non-finite numbers
        }
        return Optional.empty();
    }
}
