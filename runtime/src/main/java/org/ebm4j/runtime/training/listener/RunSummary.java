package org.ebm4j.runtime.training.listener;

import com.google.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.training.TrainingControl;
import org.ebm4j.api.training.TrainingEnd;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingStart;
import org.ebm4j.runtime.config.ExperimentSpec;
import org.ebm4j.runtime.run.CurvePlot;
import org.ebm4j.runtime.run.RunFolder;
import org.ebm4j.runtime.run.Runs;
import org.ebm4j.runtime.training.TrainingOutcome;

/**
 * The last listener: collects how the run went (the last log window, each evaluator's final results, how it ended)
 * and writes {@code summary.json}, {@code plots/curves.png} and {@code report.html}.
 */
public final class RunSummary implements TrainingListener {

    private final ExperimentSpec spec;
    private final RunFolder folder;
    private final Evaluations evaluations;
    private final EarlyStopper earlyStopper;
    private final Clock clock;
    private final org.ebm4j.runtime.experiment.Experiment experiment;
    private java.util.OptionalDouble baseline = java.util.OptionalDouble.empty();
    private Map<String, Double> lastWindow = Map.of();
    private Instant started;
    private long firstStep;
    private TrainingOutcome outcome;

    @Inject
    public RunSummary(ExperimentSpec spec, RunFolder folder, Evaluations evaluations, EarlyStopper earlyStopper, Clock clock,
                      org.ebm4j.runtime.experiment.Experiment experiment) {
        this.experiment = experiment;
        this.spec = spec;
        this.folder = folder;
        this.evaluations = evaluations;
        this.earlyStopper = earlyStopper;
        this.clock = clock;
    }

    @Override
    public void onStart(TrainingStart start) {
        started = clock.instant();
        firstStep = start.firstStep();
    }

    @Override
    public void onMetrics(long step, String source, Map<String, Double> metrics) {
        if (source.equals(MetricWindow.SOURCE)) {
            lastWindow = metrics;
        }
    }

    @Override
    public void onEnd(TrainingEnd end, TrainingControl control) {
        double seconds = Duration.between(started, clock.instant()).toNanos() / 1e9;
        Optional<String> divergence = end.failed() ? end.stoppedBecause() : Optional.empty();
        Optional<String> interruption = end.failed() ? Optional.empty()
                : end.stoppedBecause().filter(r -> r.startsWith(org.ebm4j.runtime.training.Trainer.INTERRUPTED));
        Optional<String> early = earlyStopper.note(end).or(() -> end.failed() || interruption.isPresent() ? Optional.empty() : end.stoppedBecause());
        Map<String, java.util.List<String>> warnings = new LinkedHashMap<>(end.failed() ? Map.of() : evaluations.warnings());
        if (!end.failed() && evaluations.results().values().stream().anyMatch(m -> m.keySet().stream()
                .anyMatch(k -> k.startsWith("test-nll")))) {
            baseline = org.ebm4j.runtime.training.GaussianBaseline.testNll(experiment.data().train(), experiment.data().test());
            double logDet = experiment.data().coordinates().logDeterminant();
            baseline = baseline.isPresent() ? java.util.OptionalDouble.of(baseline.getAsDouble() + logDet) : baseline;
            if (baseline.isPresent()) {
                org.ebm4j.runtime.training.GaussianBaseline.warnings(evaluations.results(), baseline.getAsDouble())
                        .forEach((label, list) -> warnings.merge(label, list, (a, b) -> {
                            java.util.List<String> all = new java.util.ArrayList<>(a);
                            all.addAll(b);
                            return all;
                        }));
            }
        }
        outcome = new TrainingOutcome(end.lastStep(), lastWindow, end.failed() ? Map.of() : evaluations.results(),
                warnings, seconds,
                (end.lastStep() - firstStep) / Math.max(seconds, 1e-9), divergence, early, interruption);
        Map<String, Object> summary = summary();
        folder.writeJson(folder.summary(), summary);
        CurvePlot.draw(folder.metrics(), folder.plots().resolve("curves.png"), spec.name() + ": losses, validation loss and evaluations");
        org.ebm4j.runtime.run.RunReport.write(folder, spec.name() + ": " + folder.dir().getFileName(), summary);
    }

    /** How the run ended; available after the end. */
    public TrainingOutcome outcome() {
        if (outcome == null) {
            throw new IllegalStateException("the run has not ended");
        }
        return outcome;
    }

    private Map<String, Object> summary() {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("experiment", spec.name());
        s.put("steps", outcome.steps());
        s.put("planned-steps", spec.train().steps());
        s.put("wall-seconds", outcome.seconds());
        s.put("steps-per-s", outcome.stepsPerSecond());
        s.put("diverged", outcome.diverged());
        outcome.divergence().ifPresent(d -> s.put("divergence", d));
        outcome.earlyStopping().ifPresent(e -> s.put("early-stopping", e));
        outcome.interruption().ifPresent(i -> s.put("interrupted", i + "; resume with: ebm resume " + folder.dir()));
        s.put("units", Runs.units(experiment.data()));
        s.put("final-metrics", Runs.finite(outcome.metrics()));
        Map<String, Object> evaluation = new LinkedHashMap<>();
        outcome.evaluation().forEach((label, metrics) -> evaluation.put(label, Runs.finite(metrics)));
        s.put("evaluation", evaluation);
        baseline.ifPresent(b -> s.put("baseline", Map.of("gaussian-test-nll", b)));
        if (!outcome.warnings().isEmpty()) {
            s.put("evaluation-warnings", outcome.warnings());
        }
        return s;
    }
}
