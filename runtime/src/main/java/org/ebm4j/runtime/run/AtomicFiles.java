package org.ebm4j.runtime.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.ebm4j.api.EbmException;

/** Files written whole: into a temporary file next to the target, then renamed, so a killed process leaves no half file. */
public final class AtomicFiles {

    /** Writes the content of one file given its (temporary) path. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path file) throws IOException;
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private AtomicFiles() {}

    /** {@code value} as indented JSON, written whole. */
    public static void writeJson(Path target, Object value) {
        write(target, tmp -> JSON.writeValue(tmp.toFile(), value));
    }

    /** {@code text} in UTF-8, written whole. */
    public static void writeString(Path target, String text) {
        write(target, tmp -> Files.writeString(tmp, text, java.nio.charset.StandardCharsets.UTF_8));
    }

    public static void write(Path target, Writer writer) {
        Path tmp = null;
        try {
            Path dir = target.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            String name = target.getFileName().toString();
            String suffix = name.contains(".") ? name.substring(name.lastIndexOf('.')) : ".tmp";
            // keep the extension (some writers key on it); createFile, not createTempFile: the file gets the umask's mode
            // (0644 as a rule), as every other file of a run, not 0600
            tmp = Files.createFile(dir.resolve(".writing-" + java.util.UUID.randomUUID() + suffix));
            writer.writeTo(tmp);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new EbmException("Cannot write " + target + ": " + RunFolder.cause(e), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the rename happened or the disk is gone: nothing more to do
                }
            }
        }
    }
}
