package org.ebm4j.runtime.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.ebm4j.runtime.config.UsageException;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ebm4j.api.EbmException;
import org.ebm4j.api.optim.OptimizerState;
import org.ebm4j.api.random.RandomSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checkpoints as files {@code step-000000100.ckpt} in one folder: a zip of {@code checkpoint.json} and the arrays
 * in ND4J's binary format. Each is written to a temporary file, flushed, and renamed into place, so a killed run
 * never leaves a half-written checkpoint under a checkpoint's name. {@code format} says which layout a file has:
 * this version writes {@value #FORMAT} and reads every format from 1 on (golden files of each are test resources);
 * a newer format is refused with a message rather than misread.
 */
public final class CheckpointStore {

    /** The layout this version writes: 2 added {@code provenance}. */
    public static final int FORMAT = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path folder;

    public CheckpointStore(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    public Path write(Checkpoint c) {
        try {
            Files.createDirectories(folder);
            Path target = folder.resolve(String.format("step-%09d.ckpt", c.step()));
            Path tmp = Files.createFile(folder.resolve(".writing-" + java.util.UUID.randomUUID() + ".tmp")); // the umask's mode, not 0600
            try {
                writeZip(tmp, c);
                try {
                    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp); // after a failed write (a full disk): a half file must not keep the disk full
            }
            return target;
        } catch (IOException e) {
            throw new EbmException("Could not write a checkpoint into " + folder + ": " + org.ebm4j.runtime.run.RunFolder.cause(e), e);
        }
    }

    private static void writeZip(Path tmp, Checkpoint c) throws IOException {
        try (OutputStream out = Files.newOutputStream(tmp); ZipOutputStream zip = new ZipOutputStream(out)) {
            ObjectNode meta = JSON.createObjectNode();
            meta.put("format", FORMAT);
            meta.put("step", c.step());
            meta.put("config", c.config());
            ObjectNode params = meta.putObject("parameters");
            for (Map.Entry<String, INDArray> e : c.parameters().entrySet()) {
                params.put(e.getKey(), "arrays/parameters/" + e.getKey());
                putArray(zip, "arrays/parameters/" + e.getKey(), e.getValue());
            }
            ObjectNode opts = meta.putObject("optimizers");
            for (Map.Entry<String, OptimizerState> e : c.optimizers().entrySet()) {
                ObjectNode o = opts.putObject(e.getKey());
                o.put("optimizer", e.getValue().optimizer());
                o.put("iteration", e.getValue().iteration());
                putArray(zip, "arrays/optimizers/" + e.getKey(), e.getValue().updaterState());
            }
            ObjectNode objective = meta.putObject("objective-state");
            for (Map.Entry<String, INDArray> e : c.objectiveState().entrySet()) {
                objective.put(e.getKey(), "arrays/objective/" + e.getKey());
                putArray(zip, "arrays/objective/" + e.getKey(), e.getValue());
            }
            ObjectNode rng = meta.putObject("random");
            for (Map.Entry<String, RandomSource.State> e : c.random().entrySet()) {
                ObjectNode r = rng.putObject(e.getKey());
                r.put("seed", e.getValue().seed());
                r.put("root", e.getValue().rootState());
                r.put("node", e.getValue().nodeState());
            }
            meta.set("provenance", JSON.valueToTree(c.provenance()));
            zip.putNextEntry(new ZipEntry("checkpoint.json"));
            zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(meta));
            zip.closeEntry();
        }
        try (var channel = java.nio.channels.FileChannel.open(tmp, java.nio.file.StandardOpenOption.WRITE)) {
            channel.force(true);
        }
    }

    private static void putArray(ZipOutputStream zip, String name, INDArray array) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        DataOutputStream out = new DataOutputStream(zip);
        Nd4j.write(array, out);
        out.flush();
        zip.closeEntry();
    }

    /** The checkpoint with the highest step, if any (temporary files of an interrupted write are ignored). */
    public Optional<Path> latest() {
        return all().stream().reduce((a, b) -> b);
    }

    /** Every checkpoint file, oldest first. */
    public List<Path> all() {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> NAME.matcher(p.getFileName().toString()).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A checkpoint read back, and the file it came from. */
    public record Loaded(Path file, Checkpoint checkpoint) {}

    /**
     * The newest checkpoint that reads and validates, and in which {@code problem} finds nothing (it returns null, or
     * what is wrong); each damaged newer one is reported to {@code warnings} (what is wrong with it) and skipped, so a run whose last checkpoint was damaged resumes from the one before.
     */
    public Optional<Loaded> newestValid(java.util.function.Function<Checkpoint, String> problem, Consumer<String> warnings) {
        List<Path> files = new ArrayList<>(all());
        java.util.Collections.reverse(files);
        for (Path f : files) {
            try {
                Checkpoint c = read(f);
                String wrong = problem.apply(c);
                if (wrong != null) {
                    throw new Damaged(f, wrong);
                }
                return Optional.of(new Loaded(f, c));
            } catch (Damaged e) {
                warnings.accept(e.getMessage() + "; trying an older checkpoint");
            }
        }
        return Optional.empty();
    }

    /**
     * Deletes all but the newest {@code keepLast} checkpoints and those of the steps in {@code keep} ({@code keepLast}
     * 0: keep all).
     */
    public void prune(int keepLast, Set<Long> keep) {
        if (keepLast <= 0) {
            return;
        }
        List<Path> files = all();
        for (int i = 0; i < files.size() - keepLast; i++) {
            Path f = files.get(i);
            if (!keep.contains(stepOf(f))) {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new EbmException("Could not delete the old checkpoint " + f + ": " + e.getMessage(), e);
                }
            }
        }
    }

    static long stepOf(Path file) {
        Matcher m = NAME.matcher(file.getFileName().toString());
        return m.matches() ? Long.parseLong(m.group(1)) : -1;
    }

    /** A checkpoint file that cannot be used: damaged, truncated, crafted, or not a checkpoint. */
    public static final class Damaged extends UsageException {
        Damaged(Path file, String what) {
            super("Checkpoint " + file + " cannot be used: " + what);
        }
    }

    /**
     * Reads and validates a checkpoint: the format, a step >= 0, every array present, readable and finite, the
     * stored configuration free of substitutions (it is written resolved, so one that has any was edited or crafted,
     * and is never resolved against this machine's environment). Anything wrong is a {@link Damaged} saying what.
     */
    public static Checkpoint read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new Damaged(file, Files.isDirectory(file) ? "it is a directory" : "no such file");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry metaEntry = zip.getEntry("checkpoint.json");
            if (metaEntry == null) {
                throw new Damaged(file, "it has no checkpoint.json: not an ebm4j checkpoint");
            }
            JsonNode meta;
            try (InputStream in = zip.getInputStream(metaEntry)) {
                meta = JSON.readTree(in.readNBytes(MAX_META_BYTES));
            }
            if (meta == null || !meta.isObject()) {
                throw new Damaged(file, "its checkpoint.json is not a JSON object");
            }
            int format = meta.path("format").asInt(-1);
            if (format < 1) {
                throw new Damaged(file, "it has no valid format number: not an ebm4j checkpoint");
            }
            if (format > FORMAT) {
                throw new Damaged(file, "it has format " + format + ", written by a newer ebm4j; this version reads formats 1 to " + FORMAT);
            }
            JsonNode step = meta.path("step");
            if (!step.isIntegralNumber() || !step.canConvertToLong() || step.asLong() < 0) {
                throw new Damaged(file, "its step (" + step + ") is not a whole number >= 0");
            }
            String config = text(file, meta, "config");
            Config parsed;
            try {
                parsed = ConfigFactory.parseString(config);
            } catch (com.typesafe.config.ConfigException e) {
                throw new Damaged(file, "its stored configuration is not valid HOCON: " + e.getMessage());
            }
            if (!parsed.isResolved()) {
                throw new Damaged(file, "its stored configuration contains substitutions (${...}); ebm4j stores configurations "
                        + "resolved, so this one was edited or crafted, and it is not resolved against this environment");
            }
            Map<String, INDArray> params = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : fields(file, meta, "parameters")) {
                params.put(e.getKey(), finite(file, "parameters of group '" + e.getKey() + "'", array(file, zip, e.getValue().asText())));
            }
            if (params.isEmpty()) {
                throw new Damaged(file, "it holds no parameters");
            }
            Map<String, OptimizerState> opts = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : fields(file, meta, "optimizers")) {
                String name = e.getKey();
                JsonNode o = e.getValue();
                if (!o.path("optimizer").isTextual() || !o.path("iteration").canConvertToInt() || o.path("iteration").asInt() < 0) {
                    throw new Damaged(file, "the optimiser state of group '" + name + "' has no valid optimizer name or iteration");
                }
                opts.put(name, new OptimizerState(o.get("optimizer").asText(), o.get("iteration").asInt(),
                        finite(file, "optimiser state of group '" + name + "'", array(file, zip, "arrays/optimizers/" + name))));
            }
            Map<String, RandomSource.State> rng = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : fields(file, meta, "random")) {
                JsonNode r = e.getValue();
                for (String k : List.of("seed", "root", "node")) {
                    if (!r.path(k).isIntegralNumber() || !r.path(k).canConvertToLong()) {
                        throw new Damaged(file, "random stream '" + e.getKey() + "' has no valid '" + k + "'");
                    }
                }
                rng.put(e.getKey(), new RandomSource.State(r.get("seed").asLong(), r.get("root").asLong(), r.get("node").asLong()));
            }
            Map<String, INDArray> objective = new LinkedHashMap<>();
            if (meta.has("objective-state")) { // absent in checkpoints written before objectives had state
                for (Map.Entry<String, JsonNode> e : fields(file, meta, "objective-state")) {
                    objective.put(e.getKey(), finite(file, "objective state '" + e.getKey() + "'", array(file, zip, e.getValue().asText())));
                }
            }
            Map<String, Object> provenance = new LinkedHashMap<>();
            if (meta.has("provenance") && meta.get("provenance").isObject()) { // format 2 on
                meta.get("provenance").fields().forEachRemaining(e -> provenance.put(e.getKey(),
                        JSON.convertValue(e.getValue(), Object.class)));
            }
            return new Checkpoint(step.asLong(), params, opts, rng, config, objective, provenance);
        } catch (Damaged e) {
            throw e;
        } catch (IOException e) {
            throw new Damaged(file, "it is not a readable checkpoint (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        } catch (RuntimeException | OutOfMemoryError e) {
            throw new Damaged(file, "its contents are damaged (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().lines().findFirst().orElse("")) + ")");
        }
    }

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("step-(\\d{9,})\\.ckpt");
    private static final int MAX_META_BYTES = 64 << 20;

    private static String text(Path file, JsonNode meta, String key) {
        JsonNode v = meta.path(key);
        if (!v.isTextual()) {
            throw new Damaged(file, "it has no '" + key + "'");
        }
        return v.asText();
    }

    private static List<Map.Entry<String, JsonNode>> fields(Path file, JsonNode meta, String key) {
        JsonNode v = meta.path(key);
        if (!v.isObject()) {
            throw new Damaged(file, "it has no '" + key + "' section");
        }
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        v.fields().forEachRemaining(out::add);
        return out;
    }

    private static INDArray finite(Path file, String what, INDArray a) {
        if (a.length() > 0 && (a.isNaN().any() || a.isInfinite().any())) {
            throw new Damaged(file, "the " + what + " hold NaN or infinite values");
        }
        return a;
    }

    private static INDArray array(Path file, ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new Damaged(file, "its entry " + name + " is missing");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Nd4j.read(new DataInputStream(in));
        }
    }
}
