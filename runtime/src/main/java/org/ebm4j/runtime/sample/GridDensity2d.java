package org.ebm4j.runtime.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A 2-D model's density {@code exp(-E)/Z} on a grid over a box, normalised on the box, and how far samples are
 * from it: the total-variation distance between the model's mass and the samples' fractions on coarse cells,
 * next to the same distance for exact draws of the same number (what sampling noise alone gives).
 */
final class GridDensity2d {

    static final int FINE = 200;
    static final int COARSE = 40;
    private static final int REPEATS = 20;

    final double xlo;
    final double xhi;
    final double ylo;
    final double yhi;
    /** {@code p[i][j]}: probability of fine cell i along x1, j along x2; sums to 1. */
    final double[][] p = new double[FINE][FINE];

    private GridDensity2d(double xlo, double xhi, double ylo, double yhi) {
        this.xlo = xlo;
        this.xhi = xhi;
        this.ylo = ylo;
        this.yhi = yhi;
    }

    /** Evaluates {@code model} on the box's cell centres (in chunks, without a graph). */
    static GridDensity2d of(EnergyModel model, double xlo, double xhi, double ylo, double yhi, DataType type) {
        GridDensity2d g = new GridDensity2d(xlo, xhi, ylo, yhi);
        int n = FINE * FINE;
        double[] logits = new double[n];
        int chunk = 10_000;
        for (int start = 0; start < n; start += chunk) {
            int m = Math.min(chunk, n - start);
            double[][] points = new double[m][2];
            for (int k = 0; k < m; k++) {
                int i = (start + k) / FINE;
                int j = (start + k) % FINE;
                points[k][0] = g.centre(xlo, xhi, i);
                points[k][1] = g.centre(ylo, yhi, j);
            }
            try (GradMode.Scope off = GradMode.off(); TensorScope scope = TensorScope.open()) {
                INDArray e = model.energy(Tensor.constant(Nd4j.createFromArray(points).castTo(type))).array()
                        .castTo(DataType.DOUBLE).reshape(m);
                for (int k = 0; k < m; k++) {
                    logits[start + k] = -e.getDouble(k);
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double l : logits) {
            if (Double.isFinite(l)) {
                max = Math.max(max, l);
            }
        }
        double total = 0;
        for (int k = 0; k < n; k++) {
            double v = Double.isFinite(logits[k]) ? Math.exp(logits[k] - max) : 0;
            g.p[k / FINE][k % FINE] = v;
            total += v;
        }
        for (double[] row : g.p) {
            for (int j = 0; j < FINE; j++) {
                row[j] /= total;
            }
        }
        return g;
    }

    private double centre(double lo, double hi, int i) {
        return lo + (i + 0.5) * (hi - lo) / FINE;
    }

    /** The marginal density of x1 ({@code axis 0}) or x2 at the fine cell centres. */
    double[] marginal(int axis) {
        double width = axis == 0 ? (xhi - xlo) / FINE : (yhi - ylo) / FINE;
        double[] m = new double[FINE];
        for (int i = 0; i < FINE; i++) {
            for (int j = 0; j < FINE; j++) {
                m[axis == 0 ? i : j] += p[i][j];
            }
        }
        for (int i = 0; i < FINE; i++) {
            m[i] /= width;
        }
        return m;
    }

    double[] centres(int axis) {
        double[] c = new double[FINE];
        for (int i = 0; i < FINE; i++) {
            c[i] = axis == 0 ? centre(xlo, xhi, i) : centre(ylo, yhi, i);
        }
        return c;
    }

    /** Coarse cell of a point, or -1 outside the box. */
    int coarseCell(double x, double y) {
        if (!(x >= xlo && x < xhi && y >= ylo && y < yhi)) {
            return -1;
        }
        int i = Math.min(COARSE - 1, (int) ((x - xlo) / (xhi - xlo) * COARSE));
        int j = Math.min(COARSE - 1, (int) ((y - ylo) / (yhi - ylo) * COARSE));
        return i * COARSE + j;
    }

    /** The model's mass per coarse cell. */
    double[] coarseMass() {
        double[] mass = new double[COARSE * COARSE];
        int per = FINE / COARSE;
        for (int i = 0; i < FINE; i++) {
            for (int j = 0; j < FINE; j++) {
                mass[(i / per) * COARSE + j / per] += p[i][j];
            }
        }
        return mass;
    }

    /** {@code grid-tv}, {@code grid-tv-of-exact-draws}, {@code outside-box} for the finite rows of {@code samples}. */
    Map<String, Object> compare(double[][] samples, long seed) {
        double[] mass = coarseMass();
        double[] counts = new double[mass.length];
        int outside = 0;
        for (double[] s : samples) {
            int c = coarseCell(s[0], s[1]);
            if (c < 0) {
                outside++;
            } else {
                counts[c]++;
            }
        }
        int n = samples.length;
        double tv = tv(mass, counts, outside, n);
        double exact = 0;
        double[] cumulative = new double[mass.length];
        double acc = 0;
        for (int c = 0; c < mass.length; c++) {
            acc += mass[c];
            cumulative[c] = acc;
        }
        try (RandomSource random = RandomSource.seeded(seed)) {
            for (int r = 0; r < REPEATS; r++) {
                double[] draws = new double[mass.length];
                for (int k = 0; k < n; k++) {
                    int c = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * acc);
                    draws[Math.min(mass.length - 1, c < 0 ? -c - 1 : c)]++;
                }
                exact += tv(mass, draws, 0, n) / REPEATS;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("grid-box", new double[] {xlo, xhi, ylo, yhi});
        out.put("grid-cells", COARSE + "x" + COARSE);
        out.put("grid-tv", tv);
        out.put("grid-tv-of-exact-draws", exact);
        out.put("outside-box", outside / (double) Math.max(1, n));
        return out;
    }

    private static double tv(double[] mass, double[] counts, int outside, int n) {
        double sum = outside / (double) n;
        for (int c = 0; c < mass.length; c++) {
            sum += Math.abs(mass[c] - counts[c] / n);
        }
        return sum / 2;
    }
}
