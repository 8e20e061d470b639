package org.ebm4j.api.component;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.ebm4j.api.ConfigException;

/**
 * Reads settings eagerly and collects every problem instead of stopping at the first, so a user fixes them all
 * in one go. Each problem names the key, the file and line it came from, and what is allowed. A provider reads
 * all its settings with one reader into a record, then calls {@link #throwIfAny()}:
 * <pre>{@code
 * SettingsReader r = new SettingsReader();
 * double sigma = r.positiveDouble(settings, "sigma");
 * int projections = r.positiveInt(settings, "projections", 1);
 * r.throwIfAny();
 * return new Ssm(sigma, projections);
 * }</pre>
 */
public final class SettingsReader {

    private final List<ConfigException.Problem> found;
    private final String prefix;

    public SettingsReader() {
        this(new ArrayList<>(), "");
    }

    private SettingsReader(List<ConfigException.Problem> found, String prefix) {
        this.found = found;
        this.prefix = prefix;
    }

    /**
     * A reader for the section at {@code path} that records into this one: keys are reported in full
     * ({@code train.steps}) while read relative to the section's config.
     */
    public SettingsReader under(String path) {
        return new SettingsReader(found, prefix + path + ".");
    }

    public void add(String key, String origin, String message) {
        found.add(new ConfigException.Problem(prefix + key, origin, message));
    }

    public void add(Config config, String key, String message) {
        add(key, originOf(config, key), message);
    }

    /** Takes over the problems of a component's own {@link ConfigException}. */
    public void addAll(ConfigException e) {
        found.addAll(e.problems());
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    /** Throws one {@link ConfigException} with every problem, if there are any. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new ConfigException(found);
        }
    }

    /** Where {@code key} was set, e.g. {@code experiments/a.conf: 12}. */
    public static String originOf(Config config, String key) {
        try {
            if (config.hasPathOrNull(key)) {
                return describe(config.getValue(key).origin());
            }
        } catch (com.typesafe.config.ConfigException ignored) {
            // a malformed path: no origin to report
        }
        return describe(config.origin());
    }

    static String describe(ConfigOrigin origin) {
        if (origin == null) {
            return "";
        }
        String file = origin.filename() != null ? origin.filename() : origin.description();
        return origin.lineNumber() > 0 && origin.filename() != null ? file + ": " + origin.lineNumber() : file;
    }

    /** Runs {@code read}; a Config error (missing, wrong type) becomes a problem and {@code fallback} is returned. */
    public <T> T read(Config config, String key, Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (com.typesafe.config.ConfigException.Missing e) {
            add(config, key, "is missing");
        } catch (com.typesafe.config.ConfigException.WrongType e) {
            String m = e.getMessage();
            int at = m.indexOf("has type ");
            add(config, key, "has the wrong type: " + (at >= 0 ? m.substring(at + "has type ".length()) : m));
        } catch (com.typesafe.config.ConfigException.BadValue e) {
            add(config, key, e.getMessage().replaceFirst("^.*?: ", ""));
        } catch (com.typesafe.config.ConfigException e) {
            add(config, key, e.getMessage());
        }
        return fallback;
    }

    /** A whole number {@code >= min}. */
    public long longAtLeast(Config c, String key, long min) {
        long v = read(c, key, () -> c.getLong(key), min);
        if (v < min) {
            add(c, key, "must be >= " + min + ", got " + v);
        }
        return v;
    }

    /** A whole number {@code >= min}. */
    public int intAtLeast(Config c, String key, int min) {
        int v = read(c, key, () -> c.getInt(key), min);
        if (v < min) {
            add(c, key, "must be >= " + min + ", got " + v);
        }
        return v;
    }

    /** A finite number {@code >= 0}. */
    public double nonNegativeDouble(Config c, String key) {
        double v = read(c, key, () -> c.getDouble(key), 0.0);
        if (!(v >= 0) || Double.isInfinite(v)) {
            add(c, key, "must be a finite number >= 0, got " + v);
        }
        return v;
    }

    /** A finite number {@code > 0}. */
    public double positiveDouble(Config c, String key) {
        double v = read(c, key, () -> c.getDouble(key), 1.0);
        if (!(v > 0) || Double.isInfinite(v)) {
            add(c, key, "must be a finite number > 0, got " + v);
        }
        return v;
    }

    public String string(Config c, String key) {
        return read(c, key, () -> c.getString(key), "");
    }

    /** One of {@code allowed} (compared as written). */
    public String oneOf(Config c, String key, java.util.Collection<String> allowed) {
        String v = string(c, key);
        if (!v.isEmpty() && !allowed.contains(v)) {
            add(c, key, "must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return v;
    }

    /** A list of whole numbers, each {@code >= min}. */
    public java.util.List<Integer> intList(Config c, String key, int min) {
        java.util.List<Integer> v = read(c, key, () -> c.getIntList(key), java.util.List.of());
        for (int x : v) {
            if (x < min) {
                add(c, key, "every entry must be >= " + min + ", got " + v);
                break;
            }
        }
        return v;
    }

    /** A finite number. */
    public double finiteDouble(Config c, String key) {
        double v = read(c, key, () -> c.getDouble(key), 0.0);
        if (!Double.isFinite(v)) {
            add(c, key, "must be a finite number, got " + v);
        }
        return v;
    }

    public boolean bool(Config c, String key) {
        return read(c, key, () -> c.getBoolean(key), false);
    }

    /** A list of numbers (a vector); empty array when it is not one (problem recorded). */
    public double[] doubles(Config c, String key) {
        return read(c, key, () -> c.getDoubleList(key).stream().mapToDouble(Double::doubleValue).toArray(), new double[0]);
    }

    /** A list of lists of numbers (the rows of a matrix); empty when it is not one (problem recorded). */
    public double[][] matrix(Config c, String key) {
        return read(c, key, () -> c.getList(key).stream().map(row -> numbers(row.unwrapped())).toArray(double[][]::new), new double[0][]);
    }

    /** A list of matrices (each a list of rows); empty when it is not one (problem recorded). */
    public java.util.List<double[][]> matrices(Config c, String key) {
        return read(c, key, () -> c.getList(key).stream()
                .map(m -> ((java.util.List<?>) m.unwrapped()).stream().map(SettingsReader::numbers).toArray(double[][]::new))
                .toList(), java.util.List.of());
    }

    private static double[] numbers(Object list) {
        return ((java.util.List<?>) list).stream().mapToDouble(o -> ((Number) o).doubleValue()).toArray();
    }

    /**
     * {@code rows} as a symmetric positive-definite {@code d×d} double matrix (a covariance, a precision), or
     * {@code null} with the reason recorded against {@code key}: not {@code d×d}, not symmetric, not positive definite.
     */
    public org.nd4j.linalg.api.ndarray.INDArray positiveDefinite(Config c, String key, double[][] rows, int d) {
        if (rows.length != d || java.util.Arrays.stream(rows).anyMatch(row -> row.length != d)) {
            add(c, key, "must be a " + d + "x" + d + " matrix (list of rows)");
            return null;
        }
        var m = org.nd4j.linalg.factory.Nd4j.createFromArray(rows).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE);
        if (!m.equalsWithEps(m.transpose(), 1e-12)) {
            add(c, key, "must be symmetric");
            return null;
        }
        try {
            org.ebm4j.api.tensor.Cholesky.lower(m);
            return m;
        } catch (IllegalArgumentException e) {
            add(c, key, "must be positive definite: " + e.getMessage());
            return null;
        }
    }
}
