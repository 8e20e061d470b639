package org.ebm4j.runtime.training;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.ebm4j.runtime.config.EarlyStopping;
import org.ebm4j.runtime.experiment.Experiment;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Early stopping: the objective's loss on held-out training rows, with the same noise at every check (one
 * stream, rewound before each check) so that checks differ only by the parameters. Keeps a copy of the best parameters.
 */
final class ValidationMonitor {

    private static final int CHUNK = 4096; // rows per objective call: bounds memory on large validation sets

    private final EarlyStopping settings;
    private final INDArray rows;
    private final Experiment experiment;
    private final List<Parameters> groups;
    private final RandomSource noise;          // rewound to noiseStart before every check: the same noise each time
    private final RandomSource.State noiseStart;
    private List<INDArray> best;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private long bestStep = -1;
    private int checksWithoutImprovement;

    ValidationMonitor(EarlyStopping settings, INDArray rows, Experiment experiment, List<Parameters> groups, long seed) {
        this.settings = settings;
        this.rows = rows;
        this.experiment = experiment;
        this.groups = groups;
        try (RandomSource root = RandomSource.seeded(seed)) {
            this.noise = root.split("validation-noise");
        }
        this.noiseStart = noise.state();
    }

    /** Splits {@code train} into (training rows, validation rows) by a permutation seeded from the run's seed. */
    static INDArray[] split(INDArray train, double fraction, long seed) {
        int n = train.rows();
        int m = (int) Math.max(1, Math.round(fraction * n));
        if (m >= n) {
            throw new IllegalArgumentException("train.early-stopping.validation-fraction " + fraction + " leaves no training rows of " + n);
        }
        int[] perm;
        try (RandomSource root = RandomSource.seeded(seed); RandomSource stream = root.split("validation-split")) {
            perm = stream.permutation(n);
        }
        int[] validation = java.util.Arrays.copyOfRange(perm, 0, m);
        int[] rest = java.util.Arrays.copyOfRange(perm, m, n);
        return new INDArray[] {Nd4j.pullRows(train, 1, rest), Nd4j.pullRows(train, 1, validation)};
    }

    /** The mean (over rows) of the sum of the objective's losses on the validation rows. */
    double loss(long step) {
        noise.restore(noiseStart);
        long n = rows.rows();
        double total = 0;
        for (long from = 0; from < n; from += CHUNK) {
            long to = Math.min(n, from + CHUNK);
            try (TensorScope ignored = TensorScope.open()) {
                Batch batch = new Batch(Tensor.adopt(rows.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).dup()));
                Losses losses = experiment.trainable().losses(experiment.model(), batch,
                        new StepContext(step, experiment.spec().train().steps(), noise));
                double sum = 0;
                for (Loss l : losses.losses()) {
                    sum += l.value().item();
                }
                total += sum * (to - from);
            }
        }
        return total / n;
    }

    /** Records a check; true when training should stop. */
    boolean record(long step, double loss) {
        if (loss < bestLoss - settings.minDelta()) {
            bestLoss = loss;
            bestStep = step;
            checksWithoutImprovement = 0;
            best = new ArrayList<>();
            for (Parameters p : groups) {
                best.add(p.snapshot());
            }
            return false;
        }
        checksWithoutImprovement++;
        return checksWithoutImprovement >= settings.patience();
    }

    double bestLoss() {
        return bestLoss;
    }

    /** Puts the best parameters back; the step they came from, if any check was made. */
    OptionalLong restoreBest() {
        if (best == null) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < groups.size(); i++) {
            groups.get(i).assign(best.get(i));
        }
        return OptionalLong.of(bestStep);
    }
}
