package org.ebm4j.runtime.run;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.ebm4j.runtime.config.UsageException;

/**
 * The exclusive right to write one run folder: an OS file lock on {@code .lock} in it, held while a run trains or
 * resumes and released when the process ends, however it ends (so a killed run never leaves a stale lock). The file
 * holds the holder's pid, for the message a second writer gets.
 */
public final class RunLock implements AutoCloseable {

    static final String FILE = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of {@code dir}, or fails at once with who holds it. */
    public static RunLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (AccessDeniedException e) {
            throw new UsageException("Cannot write into the run folder " + dir + ": permission denied. ebm writes checkpoints, "
                    + "metrics and plots there; make it writable (chmod u+w) or copy the run somewhere writable");
        } catch (IOException e) {
            throw new UsageException("Cannot lock the run folder " + dir + ": " + RunFolder.cause(e));
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very process holds it
        } catch (IOException e) {
            close(channel);
            throw new UsageException("Cannot lock the run folder " + dir + ": " + RunFolder.cause(e));
        }
        if (lock == null) {
            String holder = holder(file);
            close(channel);
            throw new UsageException("The run folder " + dir + " is in use by another ebm process" + holder + ": two processes "
                    + "writing one run would interleave its steps and checkpoints. Wait for it to finish, or stop it first");
        }
        try {
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.UTF_8)), 0);
        } catch (IOException e) {
            // the pid is only for messages; the lock itself is held
        }
        return new RunLock(channel, lock);
    }

    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.UTF_8).strip();
            return pid.matches("\\d+") ? " (pid " + pid + ")" : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(channel);
    }
}
