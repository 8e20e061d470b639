package org.ebm4j.runtime.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.ebm4j.api.SpiVersion;

/**
 * An error that is nobody's input but a bug (in ebm4j or a plugin): the console gets one line saying so and where the
 * details are, and the details (command, versions, stack trace) go to a file {@code ebm-crash-<time>.txt} in the
 * system's temporary folder, to attach to a bug report.
 */
final class CrashReport {

    private CrashReport() {}

    static void write(Throwable t, String[] args, PrintStream err) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        String report = "ebm4j " + SpiVersion.current() + ", Java " + Runtime.version() + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch") + "\ncommand: ebm " + String.join(" ", args) + "\ntime: " + Instant.now() + "\n\n" + trace;
        String summary = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage().lines().findFirst().orElse(""));
        try {
            Path file = Files.createTempFile("ebm-crash-", ".txt");
            Files.writeString(file, report, StandardCharsets.UTF_8);
            err.println("internal error (a bug in ebm4j or a plugin, not in your input): " + summary);
            err.println("The details are in " + file + "; please attach it to a bug report.");
        } catch (IOException | RuntimeException e) {
            err.println("internal error (a bug in ebm4j or a plugin, not in your input): " + summary);
            err.print(trace); // no file could be written: the trace is the only record
        }
    }
}
