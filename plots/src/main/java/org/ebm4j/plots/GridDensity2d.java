package org.ebm4j.plots;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * A 2-D energy on a {@code res × res} grid of points over a box, end points included: {@code log Z} by a Riemann sum
 * (cell area {@code Δx Δy}, as the PyTorch reference computes it), the density normalised on the box for pictures and
 * marginals, and how far samples are from it: the total-variation distance between the model's mass and the samples'
 * fractions on 40 × 40 coarse cells, next to the same distance for exact draws of the same number (what sampling
 * noise alone gives). The exact test NLL evaluator and {@code ebm sample} both use it.
 */
public final class GridDensity2d {

    /** Coarse cells per axis of the total-variation comparison and of the marginal histograms. */
    public static final int COARSE = 40;
    private static final int REPEATS = 20;
    private static final int CHUNK = 65_536;

    public final double xlo;
    public final double xhi;
    public final double ylo;
    public final double yhi;
    public final int resolution;
    private final double logZ;
    /** {@code p[i][j]}: the probability of grid point i along x1, j along x2; sums to 1. */
    private final double[][] p;

    private GridDensity2d(double xlo, double xhi, double ylo, double yhi, int resolution, double logZ, double[][] p) {
        this.xlo = xlo;
        this.xhi = xhi;
        this.ylo = ylo;
        this.yhi = yhi;
        this.resolution = resolution;
        this.logZ = logZ;
        this.p = p;
    }

    /** Evaluates {@code model} at the grid's points (in chunks, without a graph, in the model's own precision). */
    public static GridDensity2d of(EnergyModel model, double xlo, double xhi, double ylo, double yhi, int resolution) {
        if (resolution < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 points per axis, got " + resolution);
        }
        double dx = (xhi - xlo) / (resolution - 1);
        double dy = (yhi - ylo) / (resolution - 1);
        int total = resolution * resolution;
        double[] logits = new double[total];
        for (int start = 0; start < total; start += CHUNK) {
            int count = Math.min(CHUNK, total - start);
            double[] points = new double[2 * count];
            for (int k = 0; k < count; k++) {
                int index = start + k;
                points[2 * k] = xlo + dx * (index / resolution);     // x varies slowest (meshgrid "ij")
                points[2 * k + 1] = ylo + dy * (index % resolution);
            }
            try (GradMode.Scope off = GradMode.off(); TensorScope ignored = TensorScope.open()) {
                INDArray grid = Nd4j.create(points, new long[] {count, 2}, DataType.DOUBLE).castTo(model.dataType());
                double[] e = model.energy(Tensor.adopt(grid)).toDoubleArray();
                for (int k = 0; k < count; k++) {
                    logits[start + k] = -e[k];
                }
            }
        }
        double max = Double.NEGATIVE_INFINITY;
        boolean nan = false;
        for (double l : logits) {
            if (Double.isNaN(l)) {
                nan = true;
            } else {
                max = Math.max(max, l);
            }
        }
        double sum = 0;
        double[][] p = new double[resolution][resolution];
        for (int k = 0; k < total; k++) {
            double v = Double.isNaN(logits[k]) || !Double.isFinite(max) ? 0 : Math.exp(logits[k] - max);
            p[k / resolution][k % resolution] = v;
            sum += v;
        }
        for (double[] row : p) {
            for (int j = 0; j < resolution; j++) {
                row[j] = sum > 0 ? row[j] / sum : 0;
            }
        }
        // a NaN energy anywhere makes log Z unknown: say so rather than integrate around it
        double logZ = nan ? Double.NaN : max + Math.log(sum) + Math.log(dx) + Math.log(dy);
        return new GridDensity2d(xlo, xhi, ylo, yhi, resolution, logZ, p);
    }

    /**
     * The same grid read in the data's units: the box mapped column by column, every point's probability unchanged
     * (the map is affine per axis), {@code log Z} moved by the map's log-determinant.
     */
    public GridDensity2d inUnits(org.ebm4j.api.data.DataCoordinates units) {
        if (units.dimension() != 2) {
            throw new IllegalArgumentException("a 2-D grid needs 2-D coordinates, got " + units.columns());
        }
        return units.isIdentity() ? this : new GridDensity2d(units.toData(0, xlo), units.toData(0, xhi), units.toData(1, ylo),
                units.toData(1, yhi), resolution, logZ + units.logDeterminant(), p);
    }

    /** {@code log ∫ exp(-E)} over the box. */
    public double logZ() {
        return logZ;
    }

    /** The probability of grid point (i, j), the grid's mass summing to 1. */
    public double probability(int i, int j) {
        return p[i][j];
    }

    /** The grid point's coordinate along {@code axis} (0: x1, 1: x2). */
    public double coordinate(int axis, int i) {
        return axis == 0 ? xlo + i * (xhi - xlo) / (resolution - 1) : ylo + i * (yhi - ylo) / (resolution - 1);
    }

    /** The points' coordinates along {@code axis}. */
    public double[] coordinates(int axis) {
        double[] c = new double[resolution];
        for (int i = 0; i < resolution; i++) {
            c[i] = coordinate(axis, i);
        }
        return c;
    }

    /** The model's marginal density of x1 ({@code axis 0}) or x2 at the grid's coordinates. */
    public double[] marginal(int axis) {
        double width = (axis == 0 ? xhi - xlo : yhi - ylo) / (resolution - 1);
        double[] m = new double[resolution];
        for (int i = 0; i < resolution; i++) {
            for (int j = 0; j < resolution; j++) {
                m[axis == 0 ? i : j] += p[i][j];
            }
        }
        for (int i = 0; i < resolution; i++) {
            m[i] /= width;
        }
        return m;
    }

    /** Coarse cell of a point, or -1 outside the box. */
    public int coarseCell(double x, double y) {
        if (!(x >= xlo && x <= xhi && y >= ylo && y <= yhi)) {
            return -1;
        }
        int i = Math.min(COARSE - 1, (int) ((x - xlo) / (xhi - xlo) * COARSE));
        int j = Math.min(COARSE - 1, (int) ((y - ylo) / (yhi - ylo) * COARSE));
        return i * COARSE + j;
    }

    /** The model's mass per coarse cell. */
    double[] coarseMass() {
        double[] mass = new double[COARSE * COARSE];
        for (int i = 0; i < resolution; i++) {
            int ci = Math.min(COARSE - 1, (int) ((long) i * COARSE / (resolution - 1))); // by index: no rounding at the edge
            for (int j = 0; j < resolution; j++) {
                int cj = Math.min(COARSE - 1, (int) ((long) j * COARSE / (resolution - 1)));
                mass[ci * COARSE + cj] += p[i][j];
            }
        }
        return mass;
    }

    /**
     * {@code grid-tv}, {@code grid-tv-of-exact-draws} (the mean over 20 sets of exact draws from the grid, drawn with
     * {@code random}), {@code outside-box}, the box and the cells, for the finite rows of {@code samples}.
     */
    public Map<String, Object> compare(double[][] samples, RandomSource random) {
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
        for (int r = 0; r < REPEATS; r++) {
            double[] draws = new double[mass.length];
            for (int k = 0; k < n; k++) {
                int c = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * acc);
                draws[Math.min(mass.length - 1, c < 0 ? -c - 1 : c)]++;
            }
            exact += tv(mass, draws, 0, n) / REPEATS;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("grid-box", new double[] {xlo, xhi, ylo, yhi});
        out.put("grid-cells", COARSE + "x" + COARSE);
        out.put("grid-tv", tv);
        out.put("grid-tv-of-exact-draws", exact);
        out.put("outside-box", outside / (double) Math.max(1, n));
        out.putAll(modeShares(mass, counts, n));
        return out;
    }

    /** Modes holding less of the model's mass than this are not reported (flat tails make many tiny basins). */
    static final double MIN_MODE_MASS = 0.01;

    /**
     * The model's modes on the coarse grid and how the mass and the samples divide between them: each cell belongs
     * to the local maximum that steepest ascent over its 8 neighbours reaches (its basin). {@code modes}: basins
     * with at least 1 % of the mass; {@code mode-shares}: per mode, heaviest first, the model's mass and the
     * samples' share (of all samples, those outside the box included); {@code heaviest-mode-mass} and
     * {@code heaviest-mode-samples}: the same for the heaviest mode. This is where samplers lose mixture weights:
     * a chain started in the light mode's basin stays there, and the shares disagree though each mode looks right.
     */
    Map<String, Object> modeShares(double[] mass, double[] counts, int n) {
        int[] basin = new int[mass.length];
        for (int c = 0; c < mass.length; c++) {
            int at = c;
            for (int guard = 0; guard < mass.length; guard++) {
                int next = steepestNeighbour(mass, at);
                if (next == at) {
                    break;
                }
                at = next;
            }
            basin[c] = at;
        }
        Map<Integer, double[]> byPeak = new java.util.HashMap<>(); // peak -> {mass, count}
        for (int c = 0; c < mass.length; c++) {
            double[] m = byPeak.computeIfAbsent(basin[c], k -> new double[2]);
            m[0] += mass[c];
            m[1] += counts[c];
        }
        List<double[]> modes = new ArrayList<>();
        for (double[] m : byPeak.values()) {
            if (m[0] >= MIN_MODE_MASS) {
                modes.add(m);
            }
        }
        modes.sort((a, b) -> Double.compare(b[0], a[0]));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modes", modes.size());
        StringBuilder shares = new StringBuilder();
        for (double[] m : modes.subList(0, Math.min(8, modes.size()))) {
            shares.append(shares.length() == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.3f/%.3f", m[0], m[1] / Math.max(1, n)));
        }
        out.put("mode-shares", "model/samples per mode, heaviest first: " + shares);
        if (!modes.isEmpty()) {
            out.put("heaviest-mode-mass", modes.get(0)[0]);
            out.put("heaviest-mode-samples", modes.get(0)[1] / Math.max(1, n));
        }
        return out;
    }

    /** The neighbour (8-connected) with the most mass if it has more than {@code cell}, else {@code cell}. */
    private static int steepestNeighbour(double[] mass, int cell) {
        int i = cell / COARSE;
        int j = cell % COARSE;
        int best = cell;
        for (int di = -1; di <= 1; di++) {
            for (int dj = -1; dj <= 1; dj++) {
                int a = i + di;
                int b = j + dj;
                if ((di != 0 || dj != 0) && a >= 0 && a < COARSE && b >= 0 && b < COARSE && mass[a * COARSE + b] > mass[best]) {
                    best = a * COARSE + b;
                }
            }
        }
        return best;
    }

    private static double tv(double[] mass, double[] counts, int outside, int n) {
        double sum = outside / (double) Math.max(1, n);
        for (int c = 0; c < mass.length; c++) {
            sum += Math.abs(mass[c] - counts[c] / Math.max(1, n));
        }
        return sum / 2;
    }
}
