package org.ebm4j.api.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * How the coordinates a model trains in relate to the data's own units, per column {@code j}:
 * {@code x_data = shift_j + scale_j · x_model} (scales positive), and the columns' names. A standardised CSV file has
 * the training mean as shift and the training standard deviation as scale; a generated toy set is its own coordinates
 * ({@link #identity(int)}).
 *
 * <p>Densities change by the map's Jacobian: {@code −log p_data(x) = −log p_model(z) + Σ_j log scale_j}, so an NLL in
 * model coordinates plus {@link #logDeterminant()} is the NLL in the data's units. The runtime does that for every
 * metric named by {@link #isLogDensityMetric(String)}; evaluators compute in model coordinates and need not know.
 *
 * @param columns the data's column names, e.g. a CSV header's; {@code x1, x2, ...} when the file has none
 * @param shift   per column, added after scaling
 * @param scale   per column, positive and finite
 */
public record DataCoordinates(List<String> columns, double[] shift, double[] scale) {

    public DataCoordinates {
        columns = List.copyOf(columns);
        shift = shift.clone();
        scale = scale.clone();
        if (shift.length != columns.size() || scale.length != columns.size()) {
            throw new IllegalArgumentException("data coordinates need one shift and one scale per column: " + columns.size()
                    + " columns, " + shift.length + " shifts, " + scale.length + " scales");
        }
        for (int j = 0; j < scale.length; j++) {
            if (!(scale[j] > 0) || !Double.isFinite(scale[j]) || !Double.isFinite(shift[j])) {
                throw new IllegalArgumentException("column '" + columns.get(j) + "' has shift " + shift[j] + " and scale " + scale[j]
                        + "; a scale must be positive and both finite");
            }
        }
    }

    /** The model's coordinates are the data's own; columns named {@code x1 ... xd}. */
    public static DataCoordinates identity(int dimension) {
        return identity(defaultNames(dimension));
    }

    /** The model's coordinates are the data's own, with these column names. */
    public static DataCoordinates identity(List<String> columns) {
        double[] ones = new double[columns.size()];
        Arrays.fill(ones, 1);
        return new DataCoordinates(columns, new double[columns.size()], ones);
    }

    /** {@code x1, x2, ..., xd}. */
    public static List<String> defaultNames(int dimension) {
        List<String> names = new ArrayList<>(dimension);
        for (int j = 1; j <= dimension; j++) {
            names.add("x" + j);
        }
        return names;
    }

    /** The same map with other column names. */
    public DataCoordinates withColumns(List<String> names) {
        return new DataCoordinates(names, shift, scale);
    }

    public int dimension() {
        return columns.size();
    }

    /** No shift and unit scales: what a user reads is what the model sees. */
    public boolean isIdentity() {
        for (int j = 0; j < scale.length; j++) {
            if (shift[j] != 0 || scale[j] != 1) {
                return false;
            }
        }
        return true;
    }

    /** {@code Σ_j log scale_j}: what a per-example NLL in model coordinates gains in the data's units. */
    public double logDeterminant() {
        double sum = 0;
        for (double s : scale) {
            sum += Math.log(s);
        }
        return sum;
    }

    /** Rows in model coordinates {@code [n, d]} as rows in the data's units (a new array of the same type). */
    public INDArray toData(INDArray model) {
        check(model);
        INDArray out = model.dup();
        if (!isIdentity()) {
            out.muliRowVector(row(scale, model)).addiRowVector(row(shift, model));
        }
        return out;
    }

    /** Rows in the data's units {@code [n, d]} as rows in model coordinates (a new array of the same type). */
    public INDArray toModel(INDArray data) {
        check(data);
        INDArray out = data.dup();
        if (!isIdentity()) {
            out.subiRowVector(row(shift, data)).diviRowVector(row(scale, data));
        }
        return out;
    }

    /** One model coordinate of column {@code j} in the data's units. */
    public double toData(int j, double model) {
        return shift[j] + scale[j] * model;
    }

    /** One data value of column {@code j} in model coordinates. */
    public double toModel(int j, double data) {
        return (data - shift[j]) / scale[j];
    }

    /**
     * Whether a metric is a log-density quantity that the change of units moves by {@link #logDeterminant()}: one of its
     * {@code /}-separated segments is {@code log-z} or ends in {@code nll} ({@code test-nll}, {@code test-nll/lower},
     * {@code log-z/upper}, {@code noise/test-nll}, {@code validation-nll}), and no later segment is a statistic of it
     * ({@code se}, {@code ess}, {@code sd} or ending in {@code -se}, {@code -ess}, {@code -sd}: {@code log-z/se},
     * {@code test-nll/upper-se}). A name like {@code test-nll-se} or {@code nll-box-half-width} is not one.
     */
    public static boolean isLogDensityMetric(String name) {
        String[] parts = name.split("/");
        int at = -1;
        for (int i = 0; i < parts.length && at < 0; i++) {
            if (parts[i].equals("log-z") || parts[i].endsWith("nll")) {
                at = i;
            }
        }
        if (at < 0) {
            return false;
        }
        for (int i = at + 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals("se") || p.equals("ess") || p.equals("sd") || p.endsWith("-se") || p.endsWith("-ess") || p.endsWith("-sd")) {
                return false;
            }
        }
        return true;
    }

    /** {@code metrics} with every log-density metric moved into the data's units (order kept; others unchanged). */
    public Map<String, Double> inDataUnits(Map<String, Double> metrics) {
        double logDet = logDeterminant();
        if (logDet == 0) {
            return metrics;
        }
        Map<String, Double> out = new LinkedHashMap<>();
        metrics.forEach((k, v) -> out.put(k, isLogDensityMetric(k) && v != null ? v + logDet : v));
        return out;
    }

    /** For JSON: columns, shift, scale, log-determinant. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("columns", columns);
        m.put("shift", Arrays.stream(shift).boxed().toList());
        m.put("scale", Arrays.stream(scale).boxed().toList());
        m.put("log-determinant", logDeterminant());
        return m;
    }

    /** Whether {@code other} is the same map up to a relative {@code tolerance} (names ignored). */
    public boolean sameMap(DataCoordinates other, double tolerance) {
        if (other.dimension() != dimension()) {
            return false;
        }
        for (int j = 0; j < scale.length; j++) {
            double unit = Math.abs(scale[j]);
            if (Math.abs(shift[j] - other.shift[j]) > tolerance * (unit + Math.abs(shift[j]))
                    || Math.abs(scale[j] - other.scale[j]) > tolerance * unit) {
                return false;
            }
        }
        return true;
    }

    private void check(INDArray rows) {
        if (rows.rank() != 2 || rows.columns() != dimension()) {
            throw new IllegalArgumentException("rows of " + dimension() + " columns expected, got shape " + Arrays.toString(rows.shape()));
        }
    }

    private static INDArray row(double[] values, INDArray like) {
        return Nd4j.createFromArray(values).castTo(like.dataType()).reshape(1, values.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DataCoordinates c && columns.equals(c.columns) && Arrays.equals(shift, c.shift) && Arrays.equals(scale, c.scale);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * columns.hashCode() + Arrays.hashCode(shift)) + Arrays.hashCode(scale);
    }

    @Override
    public String toString() {
        return "DataCoordinates" + describe();
    }

    @Override
    public double[] shift() {
        return shift.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }
}
