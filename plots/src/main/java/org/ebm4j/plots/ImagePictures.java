package org.ebm4j.plots;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Pictures of square grey images (rows of {@code side × side} pixels): samples beside the training image nearest to
 * each (a model that copies its training set shows pairs that match; one that generalises shows neighbours that only
 * resemble), and chains over time. Light is low, dark is high, on one grey scale for all panels (the training data's
 * range).
 */
public final class ImagePictures {

    /** Images per row of a grid. */
    private static final int PER_ROW = 10;

    private ImagePictures() {}

    /**
     * The nearest training row (Euclidean) of each query row, and its distance: {@code [index, distance]} per query.
     * The search runs in the training array's own type (float32 is enough to rank), the distance is recomputed in double.
     */
    public static double[][] nearest(double[][] queries, INDArray train) {
        double[][] result = new double[queries.length][];
        if (queries.length == 0) {
            return result;
        }
        INDArray q = Nd4j.createFromArray(queries).castTo(train.dataType());
        INDArray trainNorms = train.mul(train).sum(1);                       // [N]
        INDArray cross = q.mmul(train.transpose());                           // [m, N]
        INDArray distances = cross.muli(-2).addiRowVector(trainNorms);        // |t|² − 2 q·t: |q|² does not change the argmin
        long[] best = Nd4j.argMax(distances.negi(), 1).toLongVector();
        for (int i = 0; i < queries.length; i++) {
            double[] t = train.getRow(best[i]).castTo(DataType.DOUBLE).toDoubleVector();
            double s = 0;
            for (int j = 0; j < t.length; j++) {
                s += (queries[i][j] - t[j]) * (queries[i][j] - t[j]);
            }
            result[i] = new double[] {best[i], Math.sqrt(s)};
        }
        return result;
    }

    /** The median of the second column of {@link #nearest}'s result. */
    public static double medianDistance(double[][] nearest) {
        double[] d = Arrays.stream(nearest).mapToDouble(r -> r[1]).sorted().toArray();
        if (d.length == 0) {
            return Double.NaN;
        }
        return d.length % 2 == 1 ? d[d.length / 2] : 0.5 * (d[d.length / 2 - 1] + d[d.length / 2]);
    }

    /**
     * Up to 100 samples on the left and, at the same place on the right, the training image nearest to each, with the
     * median distances of the samples and of held-out test images to their nearest training images in the header.
     */
    public static BufferedImage samplesWithNeighbours(double[][] samples, double[][] neighbours, int side, String title,
                                                      double sampleDistance, double testDistance, double lo, double hi) {
        int scale = Math.max(2, 48 / side);
        int tile = side * scale + 2;
        int block = PER_ROW * tile;
        int top = 78;
        int shown = Math.min(PER_ROW * PER_ROW, samples.length);
        int rows = Math.max(1, (shown + PER_ROW - 1) / PER_ROW);
        BufferedImage image = new BufferedImage(2 * block + 60, top + rows * tile + 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT, "distance to the nearest training image, median: samples %.3g, test images %.3g "
                + "(samples much closer than test images would be copies)", sampleDistance, testDistance), 10, 42);
        g.drawString("samples (first " + shown + ")", 20, top - 8);
        g.drawString("the nearest training image of each", block + 40, top - 8);
        tiles(g, samples, shown, side, scale, tile, 20, top, lo, hi);
        tiles(g, neighbours, shown, side, scale, tile, block + 40, top, lo, hi);
        g.dispose();
        return image;
    }

    /**
     * Chains over time: one row per chain, one column per snapshot ({@code states[chain][snapshot]} rows of pixels,
     * a snapshot every {@code every} steps); at most 16 columns, evenly spaced, the last always shown.
     */
    public static BufferedImage chains(double[][][] states, int side, int every, String title, double lo, double hi) {
        int chains = states.length;
        int snapshots = chains == 0 ? 0 : states[0].length;
        int columns = Math.min(16, snapshots);
        int[] picked = new int[columns];
        for (int c = 0; c < columns; c++) {
            picked[c] = columns == 1 ? snapshots - 1 : (int) Math.round(c * (snapshots - 1) / (double) (columns - 1));
        }
        int scale = Math.max(2, 40 / side);
        int tile = side * scale + 4;
        int left = 20;
        int top = 64;
        BufferedImage image = new BufferedImage(Math.max(520, left + columns * tile + 20), top + chains * tile + 16, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        g.drawString("each row one chain; columns after the step shown", 10, 40);
        for (int c = 0; c < columns; c++) {
            g.setColor(Color.BLACK);
            g.drawString(Integer.toString((picked[c] + 1) * every), left + c * tile, top - 6);
            for (int k = 0; k < chains; k++) {
                tile(g, states[k][picked[c]], side, scale, left + c * tile, top + k * tile, lo, hi);
            }
        }
        g.dispose();
        return image;
    }

    /** The smallest and largest finite value of {@code rows}: the grey scale. */
    public static double[] range(double[][] rows) {
        double lo = Double.MAX_VALUE;
        double hi = -Double.MAX_VALUE;
        for (double[] row : rows) {
            for (double v : row) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }

    private static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        return g;
    }

    private static void tiles(Graphics2D g, double[][] rows, int count, int side, int scale, int tile, int x0, int y0, double lo, double hi) {
        for (int k = 0; k < Math.min(count, rows.length); k++) {
            tile(g, rows[k], side, scale, x0 + (k % PER_ROW) * tile, y0 + (k / PER_ROW) * tile, lo, hi);
        }
    }

    private static void tile(Graphics2D g, double[] pixels, int side, int scale, int x, int y, double lo, double hi) {
        for (int p = 0; p < side * side; p++) {
            double t = (pixels[p] - lo) / Math.max(1e-12, hi - lo);
            int grey = (int) Math.round(255 * (1 - Math.max(0, Math.min(1, Double.isFinite(t) ? t : 0))));
            g.setColor(new Color(grey, grey, grey));
            g.fillRect(x + (p % side) * scale, y + (p / side) * scale, scale, scale);
        }
    }
}
