package org.ebm4j.runtime.training;

import com.google.inject.Inject;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.optim.StepStats;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.ebm4j.api.training.TrainingControl;
import org.ebm4j.api.training.TrainingEnd;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingStart;
import org.ebm4j.runtime.experiment.Experiment;
import org.ebm4j.runtime.run.RunFolder;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The step loop, and nothing else. Each step, in its own {@link TensorScope}: a minibatch drawn with replacement, the
 * objective's losses, the gradient of each finite loss for each parameter group it moves (negated for maximisers),
 * one optimiser step per group; then every listener sees the step's numbers. Metric windows, checkpoints,
 * evaluations, early stopping and divergence checks are listeners ({@code training.listener}); any of them may
 * stop or fail the run through the {@link TrainingControl}.
 */
public final class Trainer {

    private final Experiment experiment;
    private final TrainingState state;
    private final TrainingData data;
    private final List<TrainingListener> listeners;
    private final RunFolder folder;

    @Inject
    public Trainer(Experiment experiment, TrainingState state, TrainingData data, Set<TrainingListener> listeners, RunFolder folder) {
        this.experiment = experiment;
        this.state = state;
        this.data = data;
        this.listeners = List.copyOf(listeners); // a Multibinder set iterates in binding order
        this.folder = folder;
    }

    /** Trains from step 0, or from {@code resume}; returns how it ended. */
    public TrainingEnd run(Optional<Checkpoint> resume) {
        Objective objective = experiment.trainable();
        long first = 0;
        if (resume.isPresent()) {
            state.restore(resume.get(), TrainingState.Scope.ALL); // first: prepare() then keeps what it holds
            first = resume.get().step();
        }
        objective.prepare(experiment.data(), experiment.streams().stream("objective/prepare"));
        long total = experiment.spec().train().steps();
        int batchSize = experiment.spec().train().batchSize();
        Control control = new Control(listeners);
        TrainingStart start = new TrainingStart(experiment.spec().name(), folder.dir(), first, total);
        listeners.forEach(l -> l.onStart(start));

        Interruption.training(true);
        try {
            return loop(objective, first, total, batchSize, control);
        } finally {
            Interruption.training(false);
        }
    }

    /** The start of the stop reason of a run a signal interrupted. */
    public static final String INTERRUPTED = "Interrupted by ";

    private TrainingEnd loop(Objective objective, long first, long total, int batchSize, Control control) {
        RandomSource batches = experiment.streams().stream("batches");
        RandomSource objectiveRandom = experiment.streams().stream("objective/step");
        INDArray train = data.train();
        long step = first;
        while (step < total && !control.ended()) {
            Map<String, Double> metrics;
            try (TensorScope scope = TensorScope.open()) {
                int[] rows = batches.indices(batchSize, train.rows());
                Batch batch = new Batch(Tensor.adopt(Nd4j.pullRows(train, 1, rows)));
                Losses losses = objective.losses(experiment.model(), batch, new StepContext(step, total, objectiveRandom));
                metrics = apply(losses);
            }
            step++;
            control.step = step;
            for (TrainingListener l : listeners) {
                if (control.failed) {
                    break; // a failed step is seen by no one after the listener that failed it
                }
                l.onStep(step, metrics, control);
            }
            if (Interruption.requested().isPresent() && !control.ended() && step < total) {
                control.stop(INTERRUPTED + Interruption.requested().get() + " at step " + step + " of " + total);
            }
        }
        long last = control.failed ? step - 1 : step;
        TrainingEnd end = new TrainingEnd(last, Optional.ofNullable(control.failed ? control.failure : control.stopReason), control.failed);
        control.step = last;
        for (TrainingListener l : listeners) {
            l.onEnd(end, control);
        }
        for (TrainingListener l : listeners) {
            if (l instanceof AutoCloseable c) {
                try {
                    c.close();
                } catch (Exception e) {
                    throw new org.ebm4j.api.EbmException("Could not close " + l.getClass().getSimpleName() + ": " + e.getMessage(), e);
                }
            }
        }
        return end;
    }

    /**
     * Takes every finite loss's gradients (one backward pass per loss for all the groups it moves) and steps each
     * group's optimiser once. A non-finite loss moves nothing: the divergence guard then fails the run.
     */
    private Map<String, Double> apply(Losses losses) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        boolean finite = true;
        for (Loss loss : losses.losses()) {
            double value = loss.value().item();
            metrics.put("loss/" + loss.name(), value);
            finite &= Double.isFinite(value);
        }
        if (finite) {
            Map<Parameters, List<Tensor>> summed = new IdentityHashMap<>();
            for (Loss loss : losses.losses()) {
                List<Parameters> movers = new ArrayList<>();
                List<Tensor> inputs = new ArrayList<>();
                for (Parameters p : concat(loss.minimisers(), loss.maximisers())) {
                    if (!p.isEmpty()) {
                        state.nameOf(p, loss.name()); // fails at once for undeclared parameters
                        movers.add(p);
                        inputs.addAll(p.tensors());
                    }
                }
                if (inputs.isEmpty()) {
                    continue;
                }
                List<Tensor> grads = Autograd.grad(loss.value(), inputs, false);
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
            for (Map.Entry<String, Parameters> g : state.groups().entrySet()) {
                List<Tensor> grads = summed.get(g.getValue());
                if (grads != null) {
                    StepStats stats = state.optimizer(g.getKey()).step(grads);
                    metrics.put("grad-norm/" + g.getKey(), stats.gradientNorm());
                }
            }
        }
        metrics.putAll(experiment.data().coordinates().inDataUnits(losses.metrics())); // e.g. NCE's noise/test-nll
        return metrics;
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

    /** The control listeners get: stop and fail requests, and metrics sent to every listener. */
    private static final class Control implements TrainingControl {
        private final List<TrainingListener> listeners;
        long step;
        String stopReason;
        String failure;
        boolean failed;

        Control(List<TrainingListener> listeners) {
            this.listeners = listeners;
        }

        boolean ended() {
            return failed || stopReason != null;
        }

        @Override
        public void stop(String reason) {
            if (stopReason == null) {
                stopReason = reason;
            }
        }

        @Override
        public void fail(String reason) {
            if (!failed) {
                failed = true;
                failure = reason;
            }
        }

        @Override
        public void publish(String source, Map<String, Double> metrics) {
            Map<String, Double> copy = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            listeners.forEach(l -> l.onMetrics(step, source, copy));
        }
    }
}
