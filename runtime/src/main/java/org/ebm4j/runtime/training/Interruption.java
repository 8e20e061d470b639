package org.ebm4j.runtime.training;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * SIGTERM and SIGINT (Ctrl-C) while a run trains: the run finishes its current step, writes a checkpoint, skips the
 * final evaluation, says how to resume, and {@code ebm} exits with 143 or 130 as a process killed by the signal
 * would. Outside training, or at a second signal, the process exits at once with that code. Signals belong to the
 * process, so this is process-wide state; {@link #request} lets tests deliver one without a signal.
 */
public final class Interruption {

    private static final AtomicReference<String> REQUESTED = new AtomicReference<>();
    private static volatile boolean training;

    private Interruption() {}

    /** Installs the handlers (from {@code main}; an embedding application keeps its own). */
    public static void install() {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), s -> received("SIG" + s.getName()));
            } catch (IllegalArgumentException | UnsupportedOperationException e) {
                // a platform without this signal: its default behaviour stays
            }
        }
    }

    private static void received(String signal) {
        if (!training || !REQUESTED.compareAndSet(null, signal)) {
            System.err.println(training ? "\n" + signal + " again: stopping now, without a final checkpoint" : "");
            Runtime.getRuntime().halt(exitCode(signal));
        }
        System.err.println("\n" + signal + ": finishing the current step and writing a checkpoint (send it again to stop at once)");
    }

    /** Asks the running training to stop after its current step, as the signal would. */
    public static void request(String signal) {
        REQUESTED.compareAndSet(null, signal);
    }

    /** The signal that asked training to stop, if any. */
    public static Optional<String> requested() {
        return Optional.ofNullable(REQUESTED.get());
    }

    /** 128 + the signal's number, what a shell reports for a process the signal ended. */
    public static int exitCode(String signal) {
        return signal.equals("SIGINT") ? 130 : 143;
    }

    static void training(boolean on) {
        training = on;
    }

    /** Forgets a handled request (the next run in this process starts clean). */
    public static void clear() {
        REQUESTED.set(null);
    }
}
