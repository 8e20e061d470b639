package org.ebm4j.plugins.toydata;

import java.util.Arrays;
import com.typesafe.config.Config;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.data.DataCoordinates;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Turning loaded tables into datasets: seeded train/test splits and standardisation by the training statistics. */
final class Tables {

    private Tables() {}

    /**
     * Checks {@code test-fraction} when no {@code test-path} is given: strictly between 0 and 1 (a split needs rows on
     * both sides).
     */
    static void checkFraction(SettingsReader r, Config s, double fraction, boolean testFile) {
        if (!testFile && !(fraction > 0 && fraction < 1)) {
            r.add(s, "test-fraction", "must be strictly between 0 and 1 (the share of rows held out for testing), got "
                    + fraction + "; or give a separate test-path");
        }
    }

    /** A seeded random split: the last {@code fraction} of a permutation is the test set; {@code all} is released. */
    static Dataset split(String name, INDArray all, double fraction, RandomSource random, Config s) {
        long n = all.rows();
        long test = Math.round(n * fraction);
        if (test < 1 || test >= n) {
            throw new ConfigException("test-fraction", SettingsReader.originOf(s, "test-fraction"), "= " + fraction + " of the "
                    + n + " rows of " + name + " leaves no " + (test < 1 ? "test" : "training") + " rows; a data set needs at "
                    + "least 2 rows, and the fraction must leave at least one on each side");
        }
        int[] p = random.permutation((int) n);
        int cut = (int) (n - test);
        Dataset d = new Dataset(name, rows(all, Arrays.copyOfRange(p, 0, cut)), rows(all, Arrays.copyOfRange(p, cut, (int) n)));
        all.close(); // a large file's matrix: its memory back now, not at the next collection
        return d;
    }

    /**
     * The rows {@code picked} of a C-ordered float matrix, copied through its buffer: ND4J's {@code pullRows} builds
     * per-row offset tables several times the size of a long, narrow matrix (4× its data for 12 million rows of 2).
     */
    static INDArray rows(INDArray all, int[] picked) {
        if (all.dataType() != DataType.FLOAT || all.ordering() != 'c' || all.isView()) {
            return Nd4j.pullRows(all, 1, picked);
        }
        int d = (int) all.columns();
        INDArray out = Nd4j.createUninitialized(DataType.FLOAT, picked.length, d);
        java.nio.FloatBuffer from = all.data().asNioFloat();
        java.nio.FloatBuffer to = out.data().asNioFloat();
        float[] row = new float[d];
        for (int i = 0; i < picked.length; i++) {
            from.get(picked[i] * d, row);
            to.put(i * d, row);
        }
        return out;
    }

    /** A training and a separate test file: both matrices with the same columns. */
    static Dataset pair(String name, INDArray train, INDArray test, Config s) {
        if (train.columns() != test.columns()) {
            throw new ConfigException("test-path", SettingsReader.originOf(s, "test-path"), "has " + test.columns()
                    + " columns but the training file (path) has " + train.columns() + "; both must hold the same variables");
        }
        return new Dataset(name, train, test);
    }

    /**
     * Subtracts the training mean and divides by the training standard deviation (a column of zero spread is only
     * shifted); the dataset's coordinates record both, so everything reported maps back to the file's units.
     */
    static Dataset standardise(Dataset d) {
        INDArray train = d.train();
        // statistics in double: a float32 sum over a million rows loses the mean's last digits
        INDArray asDouble = train.castTo(DataType.DOUBLE);
        double[] mean = asDouble.mean(0).toDoubleVector();
        double[] std = asDouble.std(0).toDoubleVector();
        for (int j = 0; j < std.length; j++) {
            if (!(std[j] > 0) || !Double.isFinite(std[j])) {
                std[j] = 1;
            }
        }
        if (asDouble != train) {
            asDouble.close();
        }
        DataCoordinates c = new DataCoordinates(d.coordinates().columns(), mean, std);
        // in place: the dataset's arrays are this loader's own, and a second copy of a large file is what memory lacks
        INDArray m = Nd4j.createFromArray(mean).castTo(train.dataType()).reshape(1, mean.length);
        INDArray s = Nd4j.createFromArray(std).castTo(train.dataType()).reshape(1, std.length);
        return new Dataset(d.name(), train.subiRowVector(m).diviRowVector(s), d.test().subiRowVector(m).diviRowVector(s),
                d.density(), c);
    }

    /** The columns' names: the chosen header names, or {@code x1 ... xd} for a file without a header. */
    static Dataset named(Dataset d, java.util.List<String> names) {
        return names.size() == d.dimension() ? d.withCoordinates(d.coordinates().withColumns(names)) : d;
    }
}
