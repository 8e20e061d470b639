package org.ebm4j.runtime.cli;

import java.util.Locale;
import org.ebm4j.runtime.run.RunResult;

/** The lines a run ends with: where it went, its test NLL, or why it stopped. */
final class Report {

    private Report() {}

    static int finished(EbmCommand root, RunResult result) {
        var outcome = result.outcome();
        if (outcome.diverged()) {
            root.err.println(outcome.divergence().orElseThrow());
            root.err.println("The last good checkpoint is kept in " + result.folder().resolve("checkpoints"));
            root.out.println("run folder: " + result.folder());
            return EbmCommand.FAILURE;
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
