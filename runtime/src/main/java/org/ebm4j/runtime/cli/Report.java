package org.ebm4j.runtime.cli;

import java.util.Locale;
import org.ebm4j.runtime.run.RunResult;
import org.ebm4j.runtime.training.CheckpointStore;
import org.ebm4j.runtime.training.Interruption;

/** The lines a run ends with: where it went, its test NLL, or why it stopped. */
final class Report {

    private Report() {}

    static int finished(EbmCommand root, RunResult result) {
        if (result.nothingToDo().isPresent()) {
            root.out.println(result.nothingToDo().get());
            return EbmCommand.OK;
        }
        var outcome = result.outcome();
        if (outcome.diverged()) {
            root.err.println(outcome.divergence().orElseThrow());
            var last = new CheckpointStore(result.folder().resolve("checkpoints")).latest();
            root.err.println(last.isPresent() ? "The last good checkpoint is kept: " + last.get()
                    : "It diverged before its first checkpoint: nothing was kept (lower the learning rate and run it again)");
            root.out.println("run folder: " + result.folder());
            return EbmCommand.FAILURE;
        }
        if (outcome.interrupted()) {
            String signal = Interruption.requested().orElse("SIGTERM");
            root.err.println(outcome.interruption().get() + "; a checkpoint of step " + outcome.steps() + " is written.");
            root.err.println("Resume with: ebm resume " + result.folder());
            root.out.println("run folder: " + result.folder());
            return Interruption.exitCode(signal);
        }
        root.out.println("run folder: " + result.folder());
        outcome.earlyStopping().ifPresent(root.out::println);
        outcome.evaluation().forEach((label, metrics) -> metrics.forEach((k, v) ->
                root.out.printf(Locale.ROOT, "%s %s: %.4f%n", label, k, v)));
        outcome.warnings().forEach((label, list) -> list.forEach(w -> root.err.println("warning (" + label + "): " + w)));
        root.out.printf(Locale.ROOT, "%d steps in %.1f s (%.1f steps/s)%n", outcome.steps(), outcome.seconds(), outcome.stepsPerSecond());
        return EbmCommand.OK;
    }
}
