package org.ebm4j.runtime.training.listener;

import com.google.inject.Inject;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.TensorScope;
import org.ebm4j.api.training.TrainingControl;
import org.ebm4j.api.training.TrainingEnd;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.runtime.experiment.Experiment;
import org.ebm4j.runtime.run.RunFolder;

/**
 * Runs the experiment's evaluators every {@code train.eval-every} steps and at the end (unless the run failed). Each
 * evaluator has a label (its type, numbered when a type repeats, or the {@code label} it was given): its results are
 * published under that label and its files go to {@code plots/<label>/}, so two evaluators of one type coexist.
 */
public final class Evaluations implements TrainingListener {

    private final Experiment experiment;
    private final RunFolder folder;
    private final long every;
    private final Map<String, Map<String, Double>> last = new LinkedHashMap<>();
    private final Map<String, java.util.List<String>> warnings = new LinkedHashMap<>();
    private long total;

    @Inject
    public Evaluations(Experiment experiment, RunFolder folder) {
        this.experiment = experiment;
        this.folder = folder;
        this.every = experiment.spec().train().evalEvery();
    }

    @Override
    public void onStart(org.ebm4j.api.training.TrainingStart start) {
        total = start.totalSteps();
    }

    @Override
    public void onStep(long step, Map<String, Double> metrics, TrainingControl control) {
        if (every > 0 && step % every == 0 && step != total) {
            evaluate(step, false, control);
        }
    }

    @Override
    public void onEnd(TrainingEnd end, TrainingControl control) {
        boolean interrupted = end.stoppedBecause().filter(r -> r.startsWith(org.ebm4j.runtime.training.Trainer.INTERRUPTED)).isPresent();
        if (!end.failed() && !interrupted) { // an interrupted run is evaluated when it finishes
            evaluate(end.lastStep(), true, control);
        }
    }

    /** The latest results of each evaluator, by label. */
    public Map<String, Map<String, Double>> results() {
        return Collections.unmodifiableMap(last);
    }

    /** The latest warnings of each evaluator that had any, by label. */
    public Map<String, java.util.List<String>> warnings() {
        return Collections.unmodifiableMap(warnings);
    }

    private void evaluate(long step, boolean isFinal, TrainingControl control) {
        for (Map.Entry<String, Evaluator> e : experiment.evaluators().entrySet()) {
            String label = e.getKey();
            Path out = folder.plots().resolve(label);
            Evaluation result;
            try (GradMode.Scope off = GradMode.off(); TensorScope scope = TensorScope.open()) {
                result = e.getValue().evaluate(new EvaluationContext(experiment.model(), experiment.data(), step, isFinal,
                        folder.ensure(out), experiment.sampler(), experiment.streams().stream("evaluators/" + label)));
            }
            // evaluators work in the model's coordinates; what the user reads is in the data's units
            Map<String, Double> metrics = experiment.data().coordinates().inDataUnits(result.metrics());
            last.put(label, metrics);
            if (result.warnings().isEmpty()) {
                warnings.remove(label);
            } else {
                warnings.put(label, result.warnings());
            }
            control.publish(label, metrics);
        }
    }
}
