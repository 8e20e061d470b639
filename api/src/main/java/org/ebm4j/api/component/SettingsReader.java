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

    /** A whole number {@code >= min} (a fraction such as 64.5, or a number beyond a long's range, is a problem). */
    public long longAtLeast(Config c, String key, long min) {
        return longInRange(c, key, min, Long.MAX_VALUE);
    }

    /** A whole number {@code >= min} that fits an int. */
    public int intAtLeast(Config c, String key, int min) {
        return intInRange(c, key, min, Integer.MAX_VALUE);
    }

    /** A whole number in {@code [min, max]}; never rounded, truncated or clamped. */
    public int intInRange(Config c, String key, int min, int max) {
        return (int) longInRange(c, key, min, max);
    }

    /** A whole number in {@code [min, max]}; never rounded, truncated or clamped. */
    public long longInRange(Config c, String key, long min, long max) {
        Number n = read(c, key, () -> c.getNumber(key), null);
        if (n == null) {
            return min;
        }
        long v;
        if (n instanceof Integer || n instanceof Long) {
            v = n.longValue();
        } else {
            double d = n.doubleValue();
            if (!Double.isFinite(d) || d != Math.rint(d)) {
                add(c, key, "must be a whole number, got " + d);
                return min;
            }
            if (d < -9.2e18 || d > 9.2e18) {
                add(c, key, "is out of range: must be " + range(min, max) + ", got " + d);
                return min;
            }
            v = (long) d;
        }
        if (v < min && (max == Long.MAX_VALUE || max == Integer.MAX_VALUE)) {
            add(c, key, "must be >= " + min + ", got " + v);
            return min;
        }
        if (v < min || v > max) {
            add(c, key, "must be " + range(min, max) + ", got " + v);
            return min;
        }
        return v;
    }

    private static String range(long min, long max) {
        if (max == Long.MAX_VALUE) {
            return min == Long.MIN_VALUE ? "a whole number" : ">= " + min;
        }
        return "between " + min + " and " + max;
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

    /** A list of whole numbers, each {@code >= min} (fractions are a problem, not truncated). */
    public java.util.List<Integer> intList(Config c, String key, int min) {
        java.util.List<Number> raw = read(c, key, () -> c.getNumberList(key), java.util.List.of());
        java.util.List<Integer> v = new ArrayList<>();
        for (Number x : raw) {
            double d = x.doubleValue();
            if (d != Math.rint(d) || d < min || d > Integer.MAX_VALUE) {
                add(c, key, "every entry must be a whole number >= " + min + ", got " + raw);
                return java.util.List.of();
            }
            v.add((int) d);
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
