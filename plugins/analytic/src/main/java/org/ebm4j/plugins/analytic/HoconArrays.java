package org.ebm4j.plugins.analytic;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValue;
import java.util.List;
import org.ebm4j.api.component.SettingsReader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Vectors and matrices written as HOCON lists, read with the problems reported against their key. */
final class HoconArrays {

    private HoconArrays() {}

    /** A list of numbers, or {@code null} (problem recorded) when it is not one. */
    static double[] vector(SettingsReader r, Config s, String key) {
        return r.read(s, key, () -> s.getDoubleList(key).stream().mapToDouble(Double::doubleValue).toArray(), null);
    }

    /** A list of lists of numbers (rows), or {@code null} (problem recorded) when it is not one. */
    static double[][] matrix(SettingsReader r, Config s, String key) {
        return r.read(s, key, () -> s.getList(key).stream().map(HoconArrays::row).toArray(double[][]::new), null);
    }

    /** A list of matrices, or {@code null} (problem recorded) when it is not one. */
    static List<double[][]> matrices(SettingsReader r, Config s, String key) {
        return r.read(s, key, () -> s.getList(key).stream()
                .map(m -> ((List<?>) m.unwrapped()).stream().map(HoconArrays::numbers).toArray(double[][]::new))
                .toList(), null);
    }

    private static double[] row(ConfigValue v) {
        return numbers(v.unwrapped());
    }

    private static double[] numbers(Object list) {
        return ((List<?>) list).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    }

    /** Whether {@code m} is a {@code d}-by-{@code d} matrix. */
    static boolean isSquare(double[][] m, int d) {
        if (m.length != d) {
            return false;
        }
        for (double[] row : m) {
            if (row.length != d) {
                return false;
            }
        }
        return true;
    }

    /**
     * A symmetric positive-definite matrix as a double array, or {@code null} with the reason recorded against
     * {@code key}.
     */
    static INDArray positiveDefinite(SettingsReader r, Config s, String key, double[][] m) {
        INDArray a = Nd4j.createFromArray(m).castTo(DataType.DOUBLE);
        if (!a.equalsWithEps(a.transpose(), 1e-12)) {
            r.add(s, key, "must be symmetric");
            return null;
        }
        try {
            CholeskyFactor.rawOf(a);
            return a;
        } catch (RuntimeException e) {
            r.add(s, key, "must be positive definite: " + e.getMessage());
            return null;
        }
    }
}
