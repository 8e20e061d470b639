package org.ebm4j.plugins.toydata;

import java.util.Arrays;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turning loaded tables into datasets: seeded train/test splits and standardisation by the training statistics. */
final class Tables {

    private Tables() {}

    static INDArray matrix(double[][] rows) {
        return Nd4j.createFromArray(rows).castTo(DataType.FLOAT);
    }

    /** A seeded random split: the last {@code fraction} of a permutation is the test set. */
    static Dataset split(String name, INDArray all, double fraction, RandomSource random) {
        int n = all.rows();
        int test = (int) Math.round(n * fraction);
        if (test < 1 || test >= n) {
            throw new IllegalArgumentException("test-fraction " + fraction + " of " + n + " rows leaves no train or no test rows");
        }
        int[] p = random.permutation(n);
        return new Dataset(name, Nd4j.pullRows(all, 1, Arrays.copyOfRange(p, 0, n - test)),
                Nd4j.pullRows(all, 1, Arrays.copyOfRange(p, n - test, n)));
    }

    /** Subtracts the training mean and divides by the training standard deviation (columns of zero spread kept). */
    static Dataset standardise(Dataset d) {
        INDArray mean = d.train().mean(0);
        INDArray std = d.train().std(0);
        std.addi(std.eq(0).castTo(std.dataType()));
        return new Dataset(d.name(), d.train().subRowVector(mean).divRowVector(std), d.test().subRowVector(mean).divRowVector(std));
    }
}
