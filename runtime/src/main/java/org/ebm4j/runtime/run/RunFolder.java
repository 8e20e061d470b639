package org.ebm4j.runtime.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.ebm4j.api.EbmException;

/**
 * {@code runs/<experiment>/<run-id>/}: {@code config.conf}, {@code provenance.json}, {@code metrics.jsonl},
 * {@code checkpoints/}, {@code plots/}, {@code summary.json}. Files other than the metrics log are written whole
 * (temporary file, then rename).
 */
public final class RunFolder {

    private final Path dir;

    private RunFolder(Path dir) {
        this.dir = dir;
    }

    /** A new folder {@code root/<experiment>/<yyyyMMdd-HHmmss>[-n]}. */
    public static RunFolder create(Path root, String experiment) {
        RunFolder f = new RunFolder(newFolder(root.resolve(experiment), ""));
        try {
            Files.createDirectories(f.checkpoints());
            Files.createDirectories(f.plots());
        } catch (IOException e) {
            throw new EbmException("Cannot create the run folder " + f.dir() + ": " + e.getMessage(), e);
        }
        return f;
    }

    /**
     * A new, empty folder {@code parent/<prefix><yyyyMMdd-HHmmss>[-n]}: the next free suffix when another run or sampling
     * started in the same second.
     */
    public static Path newFolder(Path parent, String prefix) {
        String stamp = prefix + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        try {
            Files.createDirectories(parent);
            for (int i = 0; ; i++) {
                try {
                    return Files.createDirectory(parent.resolve(i == 0 ? stamp : stamp + "-" + i));
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    // taken this second: the next suffix
                }
            }
        } catch (IOException e) {
            throw new EbmException("Cannot create a folder under " + parent + ": " + e.getMessage(), e);
        }
    }

    /** An existing run folder (for {@code ebm resume}). */
    public static RunFolder open(Path dir) {
        if (!Files.isRegularFile(dir.resolve("config.conf"))) {
            throw new EbmException(dir + " is not a run folder: it has no config.conf");
        }
        return new RunFolder(dir);
    }

    public Path dir() {
        return dir;
    }

    public Path config() {
        return dir.resolve("config.conf");
    }

    public Path checkpoints() {
        return dir.resolve("checkpoints");
    }

    public Path plots() {
        return dir.resolve("plots");
    }

    public Path metrics() {
        return dir.resolve("metrics.jsonl");
    }

    public Path summary() {
        return dir.resolve("summary.json");
    }

    public Path provenance() {
        return dir.resolve("provenance.json");
    }

    /** {@code dir}, created if needed (an evaluator's own folder under {@code plots/}). */
    public Path ensure(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new EbmException("Cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    public void writeText(Path file, String text) {
        writeBytes(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public void writeJson(Path file, Object value) {
        AtomicFiles.writeJson(file, value);
    }

    private static void writeBytes(Path file, byte[] bytes) {
        AtomicFiles.write(file, tmp -> Files.write(tmp, bytes));
    }
}
