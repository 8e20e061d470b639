package org.ebm4j.runtime.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ebm4j.api.EbmException;
import org.ebm4j.runtime.config.UsageException;

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

    /**
     * A new folder {@code root/<experiment>/<yyyyMMdd-HHmmss>[-n]}, always inside {@code root} (experiment names are
     * checked when the experiment is loaded; this is the last line of defence). It appears whole: {@code init} writes
     * its first files (the configuration) into a hidden folder, which is then renamed into place, so a process killed
     * while creating a run never leaves a run folder that cannot be resumed.
     */
    public static RunFolder create(Path root, String experiment, java.util.function.Consumer<RunFolder> init) {
        Path base = root.toAbsolutePath().normalize();
        Path parent = base.resolve(experiment).normalize();
        if (!parent.startsWith(base) || parent.equals(base) || experiment.contains("/") || experiment.contains("\\")) {
            throw new UsageException("The experiment name '" + experiment + "' is not a folder name inside " + root);
        }
        Path staging;
        try {
            Files.createDirectories(parent);
            staging = Files.createTempDirectory(parent, ".creating-");
            Files.createDirectories(staging.resolve("checkpoints"));
            Files.createDirectories(staging.resolve("plots"));
        } catch (IOException e) {
            throw new UsageException("Cannot create a run folder under " + parent + ": " + cause(e), e);
        }
        init.accept(new RunFolder(staging));
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        for (int i = 0; ; i++) {
            Path target = parent.resolve(i == 0 ? stamp : stamp + "-" + i);
            if (Files.exists(target)) {
                continue; // taken this second: the next suffix
            }
            try {
                Files.move(staging, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                return new RunFolder(target);
            } catch (java.nio.file.FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException e) {
                // another run took it between the check and the rename
            } catch (IOException e) {
                throw new UsageException("Cannot create the run folder " + target + ": " + cause(e), e);
            }
        }
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
            throw new UsageException("Cannot create a folder under " + parent + ": " + cause(e), e);
        }
    }

    /** An existing run folder (for {@code ebm resume}). */
    public static RunFolder open(Path dir) {
        if (!Files.exists(dir)) {
            throw new UsageException("No such run folder " + dir);
        }
        if (!Files.isDirectory(dir)) {
            throw new UsageException(dir + " is a file, not a run folder (runs/<experiment>/<run-id>)");
        }
        if (!Files.isRegularFile(dir.resolve("config.conf"))) {
            throw new UsageException(dir + " is not a run folder: it has no config.conf");
        }
        return new RunFolder(dir);
    }

    /** The exclusive right to write this folder, until closed (see {@link RunLock}). */
    public RunLock lock() {
        return RunLock.acquire(dir);
    }

    /**
     * Deletes what interrupted writes left behind ({@code .writing-*} files next to checkpoints, plots and summaries):
     * a run killed mid-write, or on a full disk, leaves one, and it must not keep the disk full for the resume. Only
     * call it holding the lock.
     */
    public int removeTemporaryFiles() {
        int removed = 0;
        try (Stream<Path> files = Files.walk(dir, 4)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith(".writing-")).toList()) {
                Files.deleteIfExists(p);
                removed++;
            }
        } catch (IOException e) {
            throw new UsageException("Cannot clean up temporary files in " + dir + ": " + cause(e), e);
        }
        return removed;
    }

    /**
     * Keeps the lines of {@code metrics.jsonl} up to {@code step} (and drops a line cut short by a kill): the steps after
     * the checkpoint a run resumes from are trained again and logged again.
     */
    public void truncateMetrics(long step) {
        Path file = metrics();
        if (!Files.isRegularFile(file)) {
            return;
        }
        try {
            List<String> kept = new ArrayList<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                Matcher m = STEP.matcher(line);
                if (line.endsWith("}") && m.find() && Long.parseLong(m.group(1)) <= step) {
                    kept.add(line);
                }
            }
            AtomicFiles.write(file, tmp -> Files.write(tmp, kept, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UsageException("Cannot rewrite " + file + ": " + cause(e), e);
        }
    }

    private static final Pattern STEP = Pattern.compile("^\\{\"step\":(\\d+)");

    /** An I/O error's cause in words: "permission denied", "no space left on device", … with the path involved. */
    public static String cause(IOException e) {
        String what = switch (e.getClass().getSimpleName()) {
            case "AccessDeniedException" -> "permission denied";
            case "NoSuchFileException" -> "no such file or folder";
            case "FileAlreadyExistsException" -> "a file of that name exists";
            case "NotDirectoryException" -> "not a folder";
            case "FileSystemException" -> ((java.nio.file.FileSystemException) e).getReason() != null
                    ? ((java.nio.file.FileSystemException) e).getReason().toLowerCase(java.util.Locale.ROOT) : "file system error";
            default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        };
        if (e instanceof java.nio.file.FileSystemException fs && fs.getFile() != null && !what.contains(fs.getFile())) {
            return what + " (" + fs.getFile() + ")";
        }
        return what;
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
            throw new EbmException("Cannot create " + dir + ": " + cause(e), e);
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
