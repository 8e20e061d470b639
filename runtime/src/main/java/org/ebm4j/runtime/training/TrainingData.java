package org.ebm4j.runtime.training;

import java.util.Arrays;
import java.util.Optional;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.runtime.config.EarlyStopping;
import org.ebm4j.runtime.experiment.Experiment;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The rows training draws its batches from, and the rows held out for early stopping, if it is on: a seeded
 * {@code validation-fraction} of the training rows, the same split in a resumed run.
 */
public record TrainingData(INDArray train, Optional<INDArray> validation) {

    public static TrainingData of(Experiment experiment) {
        INDArray all = experiment.data().train();
        EarlyStopping stopping = experiment.spec().train().earlyStopping();
        if (!stopping.enabled()) {
            return new TrainingData(all, Optional.empty());
        }
        int n = all.rows();
        int m = (int) Math.max(1, Math.round(stopping.validationFraction() * n));
        int[] perm;
        try (RandomSource split = experiment.streams().derive("validation/split")) {
            perm = split.permutation(n);
        }
        return new TrainingData(Nd4j.pullRows(all, 1, Arrays.copyOfRange(perm, m, n)),
                Optional.of(Nd4j.pullRows(all, 1, Arrays.copyOfRange(perm, 0, m))));
    }
}
