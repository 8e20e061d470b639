package org.ebm4j.runtime.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.ebm4j.api.EbmException;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.optim.Optimizer;
import org.ebm4j.api.optim.StepStats;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.ebm4j.runtime.config.EarlyStopping;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.config.TrainSettings;
import org.ebm4j.runtime.experiment.Experiment;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training loop. Each step, in its own {@link TensorScope}: a minibatch drawn with replacement, the
 * objective's losses, the gradient of each loss for each parameter group it moves (negated for maximisers), and
 * one optimiser step per group. A non-finite loss or gradient stops the run with the step and the loss named,
 * and the last good checkpoint is kept. Checkpoints and evaluations happen at their intervals and at the end.
 */
public final class Trainer {

    private final Experiment experiment;
    private final TrainSettings settings;
    private final CheckpointStore checkpoints;
    private final Path outputDirectory;
    private final List<TrainingListener> listeners;
    private final Map<Parameters, Optimizer> optimizers = new IdentityHashMap<>();
    private final Map<Parameters, String> groupNames = new IdentityHashMap<>();
    private final List<Parameters> groups = new ArrayList<>();

    public Trainer(Experiment experiment, CheckpointStore checkpoints, Path outputDirectory, List<TrainingListener> listeners) {
        this.experiment = experiment;
        this.settings = experiment.spec().train();
        this.checkpoints = checkpoints;
        this.outputDirectory = outputDirectory;
        this.listeners = List.copyOf(listeners);
        group("model", experiment.model().parameters());
        experiment.trainable().parameterGroups().forEach((name, p) -> {
            if (name.equals("model")) {
                throw new EbmException("The objective calls one of its parameter groups 'model', the energy model's name");
            }
            group(name, p);
        });
    }

    private void group(String name, Parameters p) {
        if (!p.isEmpty() && !optimizers.containsKey(p)) {
            groups.add(p);
            groupNames.put(p, name);
            optimizers.put(p, new Optimizer(settings.optimizer(), List.of(p)));
        }
    }

    /** Trains from step 0, or from {@code resume} if given. */
    public TrainingOutcome run(Optional<Checkpoint> resume) {
        long first = 0;
        if (resume.isPresent()) {
            restore(resume.get());   // first: prepare() then keeps what the checkpoint holds (a fitted flow, a replay buffer)
            first = resume.get().step();
        }
        experiment.trainable().prepare(experiment.data(), experiment.streams().stream("objective/prepare"));
        long total = settings.steps();
        listeners.forEach(l -> l.onStart(resume.map(Checkpoint::step).orElse(0L), total));
        RandomSource batches = experiment.streams().stream("batches");
        RandomSource objectiveRandom = experiment.streams().stream("objective/step");
        INDArray train = experiment.data().train();
        EarlyStopping stopping = settings.earlyStopping();
        ValidationMonitor monitor = null;
        if (stopping.enabled()) {
            INDArray[] split = ValidationMonitor.split(train, stopping.validationFraction(), experiment.spec().seed());
            train = split[0];
            monitor = new ValidationMonitor(stopping, split[1], experiment, groups, experiment.spec().seed());
        }
        int n = train.rows();
        Optional<String> stoppedEarly = Optional.empty();

        Map<String, double[]> window = new LinkedHashMap<>();
        Map<String, Double> lastMetrics = Map.of();
        long windowStart = System.nanoTime();
        long started = System.nanoTime();
        long windowSteps = 0;
        long step = first;
        Optional<String> divergence = Optional.empty();
        while (step < total) {
            Map<String, Double> stepMetrics;
            try (TensorScope scope = TensorScope.open()) {
                int[] rows = batches.indices(settings.batchSize(), n);
                Batch batch = new Batch(Tensor.adopt(Nd4j.pullRows(train, 1, rows)));
                Losses losses = experiment.trainable().losses(experiment.model(), batch, new StepContext(step, total, objectiveRandom));
                stepMetrics = new LinkedHashMap<>();
                divergence = applyGradients(losses, stepMetrics, step + 1);
                stepMetrics.putAll(losses.metrics());
            }
            if (divergence.isPresent()) {
                break;
            }
            step++;
            windowSteps++;
            stepMetrics.forEach((k, v) -> {
                double[] acc = window.computeIfAbsent(k, x -> new double[2]);
                acc[0] += v;
                acc[1]++;
            });
            boolean last = step == total;
            if (step % settings.logEvery() == 0 || last) {
                long now = System.nanoTime();
                Map<String, Double> logged = new LinkedHashMap<>();
                window.forEach((k, acc) -> logged.put(k, acc[0] / acc[1]));
                logged.put("steps-per-s", windowSteps / ((now - windowStart) / 1e9));
                long s = step;
                listeners.forEach(l -> l.onLog(s, logged));
                lastMetrics = logged;
                window.clear();
                windowSteps = 0;
                windowStart = now;
            }
            if (!last && settings.checkpointEvery() > 0 && step % settings.checkpointEvery() == 0) {
                checkpoint(step);
            }
            if (!last && settings.evalEvery() > 0 && step % settings.evalEvery() == 0) {
                evaluate(step, false);
            }
            if (monitor != null && (step % stopping.every() == 0 || last)) {
                double loss = monitor.loss(step);
                boolean stop = monitor.record(step, loss);
                Evaluation check = new Evaluation(Map.of("validation-loss", loss, "validation-loss/best", monitor.bestLoss()), List.of());
                long s = step;
                listeners.forEach(l -> l.onEvaluation(s, check));
                if (stop && !last) {
                    stoppedEarly = Optional.of("Stopped early at step " + step + ": the validation loss did not improve for "
                            + stopping.patience() + " checks");
                    break;
                }
            }
        }
        if (monitor != null && divergence.isEmpty()) {
            OptionalLong bestStep = monitor.restoreBest();
            if (bestStep.isPresent()) {
                stoppedEarly = Optional.of(stoppedEarly.map(m -> m + "; ").orElse("") + "restored the parameters of step "
                        + bestStep.getAsLong() + " (validation loss " + monitor.bestLoss() + ")");
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        Map<String, Double> evaluation = Map.of();
        if (divergence.isEmpty()) {
            checkpoint(step);
            evaluation = evaluate(step, true);
        }
        double stepsPerSecond = (step - first) / Math.max(seconds, 1e-9);
        TrainingOutcome outcome = new TrainingOutcome(step, lastMetrics, evaluation, seconds, stepsPerSecond, divergence, stoppedEarly);
        listeners.forEach(l -> l.onEnd(outcome));
        return outcome;
    }

    /** Takes every loss's gradients, checks them, and steps each optimiser once; a divergence message if non-finite. */
    private Optional<String> applyGradients(Losses losses, Map<String, Double> metrics, long stepNumber) {
        Map<Parameters, List<Tensor>> summed = new IdentityHashMap<>();
        for (Loss loss : losses.losses()) {
            double value = loss.value().item();
            metrics.put("loss/" + loss.name(), value);
            if (!Double.isFinite(value)) {
                return Optional.of("Training diverged at step " + stepNumber + ": loss '" + loss.name() + "' is " + value);
            }
            List<Parameters> movers = new ArrayList<>();
            List<Tensor> inputs = new ArrayList<>();
            for (Parameters p : concat(loss.minimisers(), loss.maximisers())) {
                if (!p.isEmpty()) {
                    group("group-" + groups.size(), p);
                    movers.add(p);
                    inputs.addAll(p.tensors());
                }
            }
            List<Tensor> grads = Autograd.grad(loss.value(), inputs, false); // one backward pass for every group
            int from = 0;
            for (Parameters p : movers) {
                List<Tensor> own = grads.subList(from, from + p.count());
                from += p.count();
                if (loss.maximisers().contains(p)) {
                    own = own.stream().map(Tensor::neg).toList();
                }
                summed.merge(p, own, Trainer::add);
            }
        }
        for (Parameters p : groups) {
            List<Tensor> grads = summed.get(p);
            if (grads == null) {
                continue;
            }
            StepStats stats = optimizers.get(p).step(grads);
            String name = groupNames.get(p);
            metrics.put("grad-norm/" + name, stats.gradientNorm());
            if (!Double.isFinite(stats.gradientNorm())) {
                return Optional.of("Training diverged at step " + stepNumber + ": the gradient of group '" + name
                        + "' is not finite (norm " + stats.gradientNorm() + ")");
            }
        }
        return Optional.empty();
    }

    private static List<Parameters> concat(List<Parameters> a, List<Parameters> b) {
        List<Parameters> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<Tensor> add(List<Tensor> a, List<Tensor> b) {
        List<Tensor> out = new ArrayList<>(a.size());
        for (int i = 0; i < a.size(); i++) {
            out.add(a.get(i).add(b.get(i)));
        }
        return out;
    }

    private void checkpoint(long step) {
        Map<String, INDArray> params = new LinkedHashMap<>();
        Map<String, org.ebm4j.api.optim.OptimizerState> states = new LinkedHashMap<>();
        for (Parameters p : groups) {
            String name = groupNames.get(p);
            params.put(name, p.snapshot());
            states.put(name, optimizers.get(p).state());
        }
        Map<String, INDArray> objectiveState = new LinkedHashMap<>();
        experiment.trainable().state().forEach((k, v) -> objectiveState.put(k, v.dup()));
        Checkpoint c = new Checkpoint(step, params, states, experiment.streams().states(),
                ExperimentLoader.render(experiment.spec().resolved()), objectiveState);
        Path file = checkpoints.write(c);
        listeners.forEach(l -> l.onCheckpoint(step, file));
    }

    private void restore(Checkpoint c) {
        for (Parameters p : groups) {
            String name = groupNames.get(p);
            INDArray values = c.parameters().get(name);
            if (values == null) {
                throw new EbmException("The checkpoint has no parameters for group '" + name + "'; it has " + c.parameters().keySet());
            }
            p.assign(values);
            optimizers.get(p).restore(c.optimizers().get(name));
        }
        experiment.streams().restore(c.random());
        experiment.trainable().restore(c.objectiveState());
    }

    private Map<String, Double> evaluate(long step, boolean isFinal) {
        Map<String, Double> all = new LinkedHashMap<>();
        for (Evaluator e : experiment.evaluators()) {
            Evaluation result;
            try (GradMode.Scope off = GradMode.off(); TensorScope scope = TensorScope.open()) {
                result = e.evaluate(new EvaluationContext(experiment.model(), experiment.data(), step, isFinal,
                        outputDirectory, experiment.sampler(), experiment.streams().stream("evaluation")));
            }
            all.putAll(result.metrics());
            listeners.forEach(l -> l.onEvaluation(step, result));
        }
        return all;
    }
}
