package org.ebm4j.runtime.training.listener;

import com.google.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.ebm4j.api.training.TrainingControl;
import org.ebm4j.api.training.TrainingEnd;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.runtime.config.EarlyStopping;
import org.ebm4j.runtime.experiment.Experiment;
import org.ebm4j.runtime.training.TrainingData;
import org.ebm4j.runtime.training.TrainingState;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Early stopping ({@code train.early-stopping}): every {@code every} steps, the objective's side-effect-free
 * {@code validationLosses} on the held-out rows, with the same noise at every check (one stream, rewound), published
 * as source {@code validation}; stops after {@code patience} checks without improvement, and at the end puts back
 * the best parameters (before the final checkpoint and evaluation). Inert when early stopping is off.
 */
public final class EarlyStopper implements TrainingListener, AutoCloseable {

    public static final String SOURCE = "validation";
    private static final int CHUNK = 4096; // rows per objective call: bounds memory on large validation sets

    private final Experiment experiment;
    private final TrainingState state;
    private final EarlyStopping settings;
    private final Optional<INDArray> rows;
    private final RandomSource noise;
    private final RandomSource.State noiseStart;
    private long total;
    private List<INDArray> best;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private long bestStep = -1;
    private int checksWithoutImprovement;
    private String note;

    @Inject
    public EarlyStopper(Experiment experiment, TrainingState state, TrainingData data) {
        this.experiment = experiment;
        this.state = state;
        this.settings = experiment.spec().train().earlyStopping();
        this.rows = data.validation();
        this.noise = experiment.streams().derive("validation/noise");
        this.noiseStart = noise.state();
    }

    @Override
    public void onStart(org.ebm4j.api.training.TrainingStart start) {
        total = start.totalSteps();
    }

    @Override
    public void onStep(long step, Map<String, Double> metrics, TrainingControl control) {
        if (rows.isEmpty() || (step % settings.every() != 0 && step != total)) {
            return;
        }
        double loss = loss(step);
        boolean improved = loss < bestLoss - settings.minDelta();
        if (improved) {
            bestLoss = loss;
            bestStep = step;
            checksWithoutImprovement = 0;
            best = state.snapshot();
        } else {
            checksWithoutImprovement++;
        }
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("validation-loss", loss);
        m.put("validation-loss/best", bestLoss);
        control.publish(SOURCE, m);
        if (checksWithoutImprovement >= settings.patience() && step != total) {
            control.stop("Stopped early at step " + step + ": the validation loss did not improve for " + settings.patience() + " checks");
        }
    }

    @Override
    public void onEnd(TrainingEnd end, TrainingControl control) {
        if (best != null && !end.failed()) {
            state.assign(best);
            note = "restored the parameters of step " + bestStep + " (validation loss " + bestLoss + ")";
        }
    }

    /** What early stopping did, for the summary: when it stopped and which step's parameters it kept. */
    public Optional<String> note(TrainingEnd end) {
        if (note == null) {
            return Optional.empty();
        }
        return Optional.of(end.stoppedBecause().filter(r -> r.startsWith("Stopped early")).map(r -> r + "; ").orElse("") + note);
    }

    /** The mean (over rows) of the sum of the objective's validation losses. */
    private double loss(long step) {
        noise.restore(noiseStart);
        INDArray x = rows.orElseThrow();
        long n = x.rows();
        double sum = 0;
        for (long from = 0; from < n; from += CHUNK) {
            long to = Math.min(n, from + CHUNK);
            try (TensorScope ignored = TensorScope.open()) {
                Batch batch = new Batch(Tensor.adopt(x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup()));
                Losses losses = experiment.trainable().validationLosses(experiment.model(), batch, new StepContext(step, total, noise));
                double chunk = 0;
                for (Loss l : losses.losses()) {
                    chunk += l.value().item();
                }
                sum += chunk * (to - from);
            }
        }
        return sum / n;
    }

    @Override
    public void close() {
        noise.close();
    }
}
