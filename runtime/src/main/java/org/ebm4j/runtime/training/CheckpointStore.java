package org.ebm4j.runtime.training;

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
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
            Path tmp = Files.createTempFile(folder, ".writing-", ".tmp");
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
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (IOException e) {
            throw new EbmException("Could not write a checkpoint into " + folder + ": " + e.getMessage(), e);
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
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().matches("step-\\d+\\.ckpt")).max(Path::compareTo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Checkpoint read(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry metaEntry = zip.getEntry("checkpoint.json");
            if (metaEntry == null) {
                throw new EbmException("Checkpoint " + file + " has no checkpoint.json: not an ebm4j checkpoint");
            }
            var meta = JSON.readTree(zip.getInputStream(metaEntry));
            int format = meta.path("format").asInt(-1);
            if (format < 1) {
                throw new EbmException("Checkpoint " + file + " has no valid format number: not an ebm4j checkpoint");
            }
            if (format > FORMAT) {
                throw new EbmException("Checkpoint " + file + " has format " + format + ", written by a newer ebm4j; this "
                        + "version reads formats 1 to " + FORMAT);
            }
            Map<String, INDArray> params = new LinkedHashMap<>();
            for (Iterator<String> it = meta.get("parameters").fieldNames(); it.hasNext(); ) {
                String name = it.next();
                params.put(name, array(zip, meta.get("parameters").get(name).asText()));
            }
            Map<String, OptimizerState> opts = new LinkedHashMap<>();
            for (Iterator<String> it = meta.get("optimizers").fieldNames(); it.hasNext(); ) {
                String name = it.next();
                var o = meta.get("optimizers").get(name);
                opts.put(name, new OptimizerState(o.get("optimizer").asText(), o.get("iteration").asInt(),
                        array(zip, "arrays/optimizers/" + name)));
            }
            Map<String, RandomSource.State> rng = new LinkedHashMap<>();
            for (Iterator<String> it = meta.get("random").fieldNames(); it.hasNext(); ) {
                String name = it.next();
                var r = meta.get("random").get(name);
                rng.put(name, new RandomSource.State(r.get("seed").asLong(), r.get("root").asLong(), r.get("node").asLong()));
            }
            Map<String, INDArray> objective = new LinkedHashMap<>();
            if (meta.has("objective-state")) { // absent in checkpoints written before objectives had state
                for (Iterator<String> it = meta.get("objective-state").fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    objective.put(name, array(zip, meta.get("objective-state").get(name).asText()));
                }
            }
            Map<String, Object> provenance = new LinkedHashMap<>();
            if (meta.has("provenance")) { // format 2 on
                meta.get("provenance").fields().forEachRemaining(e -> provenance.put(e.getKey(),
                        JSON.convertValue(e.getValue(), Object.class)));
            }
            return new Checkpoint(meta.get("step").asLong(), params, opts, rng, meta.get("config").asText(), objective, provenance);
        } catch (IOException e) {
            throw new EbmException("Could not read checkpoint " + file + ": " + e.getMessage(), e);
        }
    }

    private static INDArray array(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        if (entry == null) {
            throw new EbmException("Checkpoint entry " + name + " is missing");
        }
        try (InputStream in = zip.getInputStream(entry)) {
            return Nd4j.read(new DataInputStream(in));
        }
    }
}
