package org.ebm4j.runtime.run;

import java.nio.file.Path;
import org.ebm4j.runtime.training.TrainingOutcome;

/** A finished (or stopped) run: its folder and how it ended. */
public record RunResult(Path folder, TrainingOutcome outcome) {}
