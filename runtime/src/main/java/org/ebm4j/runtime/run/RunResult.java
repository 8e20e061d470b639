package org.ebm4j.runtime.run;

import java.nio.file.Path;
import java.util.Optional;
import org.ebm4j.runtime.training.TrainingOutcome;

/**
 * A finished (or stopped) run: its folder and how it ended; or, for a resume with nothing left to do, why nothing
 * was done (and no outcome).
 */
public record RunResult(Path folder, Optional<TrainingOutcome> trained, Optional<String> nothingToDo) {

    public static RunResult trained(Path folder, TrainingOutcome outcome) {
        return new RunResult(folder, Optional.of(outcome), Optional.empty());
    }

    public static RunResult unchanged(Path folder, String why) {
        return new RunResult(folder, Optional.empty(), Optional.of(why));
    }

    public TrainingOutcome outcome() {
        return trained.orElseThrow(() -> new IllegalStateException("nothing was trained: " + nothingToDo.orElse("")));
    }
}
