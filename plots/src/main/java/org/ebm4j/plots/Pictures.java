package org.ebm4j.plots;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.random.RandomSource;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every picture ebm4j draws of a model and its samples. By dimension: 2-D, the points over the model's density on a
 * {@link GridDensity2d} with both marginals (model against the points); a square number of coordinates (≥ 16), a grid
 * of images, samples next to data; otherwise the first two coordinates, samples over data. XChart draws the charts;
 * the density panel is drawn directly because XChart cannot put a scatter over a heat map.
 */
public final class Pictures {

    /** Points drawn over a density. */
    private static final int MAX_POINTS = 3000;

    /** Grid points per axis of a sample picture's density. */
    public static final int RESOLUTION = 200;

    private static final Color[] VIRIDIS = {new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
            new Color(94, 201, 98), new Color(253, 231, 37)};
    private static final Color SAMPLE = new Color(255, 80, 60, 170);

    private Pictures() {}

    /**
     * What a 2-D picture shows: the density's name over the panel and in the marginals' legend, and what the points are.
     */
    public record Labels(String density, String densityInLegend, String points) {

        /** A model's density {@code exp(-E)/Z} with {@code points} over it. */
        public static Labels model(String points) {
            return new Labels("model density exp(-E)/Z", "model", points);
        }

        /** A noise distribution's density with {@code points} over it. */
        public static Labels noise(String points) {
            return new Labels("the noise's density q(x)", "noise q(x)", points);
        }
    }

    /**
     * The picture of samples from {@code model} (or of any points, {@code pointsLabel} says what they are), into
     * {@code file}; in 2-D, what the picture measured (the grid comparison, exact draws from {@code random}).
     */
    public static Map<String, Object> samples(EnergyModel model, INDArray samples, Dataset data, Path file, String title,
                                              Labels labels, RandomSource random) {
        // model, data and samples are in the model's coordinates; the picture is in the data's units
        org.ebm4j.api.data.DataCoordinates units = data.coordinates();
        double[][] finite = finiteRows(units.toData(samples));
        double[][] train = units.toData(data.train().castTo(DataType.DOUBLE)).toDoubleMatrix();
        int d = samples.columns();
        int side = (int) Math.round(Math.sqrt(d));
        BufferedImage image;
        Map<String, Object> measured = new LinkedHashMap<>();
        if (d == 2) {
            double[] box = box(data.train().castTo(DataType.DOUBLE).toDoubleMatrix());
            GridDensity2d grid = GridDensity2d.of(model, box[0], box[1], box[2], box[3], RESOLUTION).inUnits(units);
            measured.putAll(grid.compare(finite, random));
            image = twoD(grid, finite, labels, title + String.format(Locale.ROOT, "; grid TV %.3f (exact draws: %.3f)",
                    (double) measured.get("grid-tv"), (double) measured.get("grid-tv-of-exact-draws")), false, units.columns());
        } else if (side * side == d && side >= 4) {
            image = images(finite, units.toData(data.train()), units.toData(data.test()), train, side, title, measured);
        } else {
            image = BitmapEncoder.getBufferedImage(scatter(finite, train, title));
        }
        writePng(image, file);
        return measured;
    }

    /**
     * Chain energies against the step ({@code energies[chain][snapshot]}, a snapshot every {@code every} steps): the mean
     * over chains, the 10 % and 90 % quantiles, and a few chains on their own. Chains that have mixed wander in one band;
     * chains stuck in different modes sit at different levels.
     */
    public static BufferedImage energyTrace(double[][] energies, int every, String title) {
        int chains = energies.length;
        int snapshots = chains == 0 ? 0 : energies[0].length;
        double[] step = new double[snapshots];
        double[] mean = new double[snapshots];
        double[] low = new double[snapshots];
        double[] high = new double[snapshots];
        for (int t = 0; t < snapshots; t++) {
            step[t] = (t + 1.0) * every;
            double[] column = new double[chains];
            for (int c = 0; c < chains; c++) {
                column[c] = energies[c][t];
                mean[t] += energies[c][t] / chains;
            }
            java.util.Arrays.sort(column);
            low[t] = column[(int) Math.floor(0.1 * (chains - 1))];
            high[t] = column[(int) Math.ceil(0.9 * (chains - 1))];
        }
        XYChart chart = new XYChartBuilder().width(900).height(480).title(title + ": chain energies")
                .xAxisTitle("step").yAxisTitle("energy E(x)").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(0);
        for (int c = 0; c < Math.min(5, chains); c++) {
            XYSeries s = chart.addSeries("chain " + (c + 1), step, energies[c]);
            s.setLineColor(new Color(150, 150, 150, 140));
            s.setMarker(SeriesMarkers.NONE);
        }
        XYSeries lo = chart.addSeries("10th percentile", step, low);
        lo.setLineColor(VIRIDIS[2]);
        lo.setMarker(SeriesMarkers.NONE);
        XYSeries hi = chart.addSeries("90th percentile", step, high);
        hi.setLineColor(VIRIDIS[3]);
        hi.setMarker(SeriesMarkers.NONE);
        XYSeries m = chart.addSeries("mean over " + chains + " chains", step, mean);
        m.setLineColor(VIRIDIS[0]);
        m.setMarker(SeriesMarkers.NONE);
        return BitmapEncoder.getBufferedImage(chart);
    }

    /** {@code image} as a PNG, written whole: a temporary file renamed into place. */
    public static void writePng(BufferedImage image, Path file) {
        Path tmp = null;
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            tmp = Files.createFile(dir.resolve(".writing-" + java.util.UUID.randomUUID() + ".png")); // the umask's mode, not 0600
            ImageIO.write(image, "png", tmp.toFile());
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // renamed already, or the disk is gone
                }
            }
        }
    }

    /** The data's bounding box, 15 % wider on every side. */
    private static double[] box(double[][] train) {
        double[] b = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE};
        for (double[] row : train) {
            b[0] = Math.min(b[0], row[0]);
            b[1] = Math.max(b[1], row[0]);
            b[2] = Math.min(b[2], row[1]);
            b[3] = Math.max(b[3], row[1]);
        }
        double px = 0.15 * (b[1] - b[0]) + 1e-9;
        double py = 0.15 * (b[3] - b[2]) + 1e-9;
        return new double[] {b[0] - px, b[1] + px, b[2] - py, b[3] + py};
    }

    /**
     * The density as a heat map with {@code points} over it, and both marginals (model against the points' histogram)
     * beside it.
     */
    public static BufferedImage twoD(GridDensity2d grid, double[][] samples, Labels labels, String title) {
        return twoD(grid, samples, labels, title, false);
    }

    /** The nats of log density a log-scale picture spans below its maximum. */
    static final double LOG_RANGE = 10;

    /**
     * As {@link #twoD(GridDensity2d, double[][], Labels, String)}; with {@code logDensity} the colours show the log
     * density over the {@value #LOG_RANGE} nats below its maximum (tails and secondary modes become visible).
     */
    public static BufferedImage twoD(GridDensity2d grid, double[][] samples, Labels labels, String title, boolean logDensity) {
        return twoD(grid, samples, labels, title, logDensity, List.of("x1", "x2"));
    }

    /** The most one axis of the density may be stretched against the other before the picture gives up equal scales. */
    static final double MAX_ASPECT = 4;

    /**
     * As {@link #twoD(GridDensity2d, double[][], Labels, String, boolean)} with the axes named {@code axes}. The plot
     * has equal scales on both axes (a circle looks round) unless the box is more than {@value #MAX_ASPECT} times
     * wider than tall or the reverse; then the picture says the axes are not to scale.
     */
    public static BufferedImage twoD(GridDensity2d grid, double[][] samples, Labels labels, String title, boolean logDensity,
                                     List<String> axes) {
        int side = 560;
        double aspect = (grid.xhi - grid.xlo) / (grid.yhi - grid.ylo);
        boolean toScale = aspect <= MAX_ASPECT && aspect >= 1 / MAX_ASPECT && Double.isFinite(aspect);
        double shown = toScale ? aspect : aspect > 1 ? MAX_ASPECT : 1 / MAX_ASPECT;
        int plotW = shown >= 1 ? side : (int) Math.round(side * shown);
        int plotH = shown >= 1 ? (int) Math.round(side / shown) : side;
        int left = 70;
        int top = 50;
        int marginalWidth = 460;
        int bar = 70;           // the colour bar and its labels
        BufferedImage image = new BufferedImage(left + plotW + bar + marginalWidth, top + side + 50, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString(title, 10, 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(labels.density() + (logDensity ? " (colour: log density, top 10 nats)" : " (colour)") + " and "
                + labels.points() + " (red)" + (toScale ? "" : "; axes not to scale"), left, top - 8);

        int res = grid.resolution;
        double max = 0;
        for (int i = 0; i < res; i++) {
            for (int j = 0; j < res; j++) {
                max = Math.max(max, grid.probability(i, j));
            }
        }
        int plotTop = top + (side - plotH) / 2; // a wide box sits in the middle of the marginals' height
        double cellW = plotW / (double) res;
        double cellH = plotH / (double) res;
        for (int i = 0; i < res; i++) {
            for (int j = 0; j < res; j++) {
                double p = grid.probability(i, j);
                double t = max <= 0 ? 0 : logDensity ? 1 + Math.log(p / max) / LOG_RANGE : p / max;
                g.setColor(colour(t));
                // whole-pixel edges from the cell's own bounds: neighbours meet exactly, no seams (no mesh)
                int x0 = left + (int) Math.round(i * cellW);
                int x1 = left + (int) Math.round((i + 1) * cellW);
                int y1 = plotTop + plotH - (int) Math.round(j * cellH);
                int y0 = plotTop + plotH - (int) Math.round((j + 1) * cellH);
                g.fillRect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
            }
        }
        g.setColor(SAMPLE);
        // at most MAX_POINTS dots (the rows come shuffled): more would hide the density; the marginals use them all
        for (double[] s : java.util.Arrays.asList(samples).subList(0, Math.min(samples.length, MAX_POINTS))) {
            if (grid.coarseCell(s[0], s[1]) >= 0) {
                double px = left + (s[0] - grid.xlo) / (grid.xhi - grid.xlo) * plotW;
                double py = plotTop + plotH - (s[1] - grid.ylo) / (grid.yhi - grid.ylo) * plotH;
                g.fill(new java.awt.geom.Ellipse2D.Double(px - 2, py - 2, 4, 4));
            }
        }
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(left, plotTop, plotW, plotH);
        // round ticks ("nice numbers") where they fall in the box, not the box's own edges
        for (double fx : niceTicks(grid.xlo, grid.xhi, 5)) {
            int px = left + (int) Math.round((fx - grid.xlo) / (grid.xhi - grid.xlo) * plotW);
            g.drawLine(px, plotTop + plotH, px, plotTop + plotH + 5);
            String label = tickLabel(fx);
            g.drawString(label, px - g.getFontMetrics().stringWidth(label) / 2, plotTop + plotH + 20);
        }
        for (double fy : niceTicks(grid.ylo, grid.yhi, 5)) {
            int py = plotTop + plotH - (int) Math.round((fy - grid.ylo) / (grid.yhi - grid.ylo) * plotH);
            g.drawLine(left - 5, py, left, py);
            String label = tickLabel(fy);
            g.drawString(label, left - 8 - g.getFontMetrics().stringWidth(label), py + 4);
        }
        // colour bar: the density per unit area (the grid's probabilities over the area of a grid cell)
        double cellArea = (grid.xhi - grid.xlo) / (res - 1) * (grid.yhi - grid.ylo) / (res - 1);
        double maxDensity = max / cellArea;
        int barX = left + plotW + 8;
        int barWidth = 10;
        for (int py = 0; py < plotH; py++) {
            g.setColor(colour(1.0 - py / (double) (plotH - 1)));
            g.fillRect(barX, plotTop + py, barWidth, 1);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(barX, plotTop, barWidth, plotH);
        if (maxDensity > 0 && Double.isFinite(maxDensity)) {
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            double high = logDensity ? Math.log(maxDensity) : maxDensity;
            double low = logDensity ? high - LOG_RANGE : 0;
            for (double v : niceTicks(low, high, logDensity ? 6 : 4)) {
                int py = plotTop + plotH - (int) Math.round((v - low) / (high - low) * plotH);
                g.drawLine(barX + barWidth, py, barX + barWidth + 3, py);
                g.drawString(tickLabel(v), barX + barWidth + 4, py + 4);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        }
        String xName = axes.get(0);
        g.drawString(xName, left + plotW / 2 - g.getFontMetrics().stringWidth(xName) / 2, plotTop + plotH + 40);
        // the vertical axis's name turned upright along the axis, clear of the tick labels
        java.awt.geom.AffineTransform upright = g.getTransform();
        g.rotate(-Math.PI / 2);
        String yName = axes.get(1);
        g.drawString(yName, -(plotTop + plotH / 2) - g.getFontMetrics().stringWidth(yName) / 2, 16);
        g.setTransform(upright);

        int chartHeight = side / 2;
        for (int axis = 0; axis < 2; axis++) {
            XYChart chart = marginal(grid, samples, labels, axis, marginalWidth, chartHeight, axes.get(axis));
            g.drawImage(BitmapEncoder.getBufferedImage(chart), left + plotW + bar, top + axis * chartHeight, null);
        }
        g.dispose();
        return image;
    }

    /** About {@code count} round values (1, 2 or 5 times a power of ten apart) within {@code [lo, hi]}. */
    static List<Double> niceTicks(double lo, double hi, int count) {
        List<Double> ticks = new ArrayList<>();
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            return ticks;
        }
        double raw = (hi - lo) / Math.max(1, count - 1);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / power < 1.5 ? power : raw / power < 3.5 ? 2 * power : raw / power < 7.5 ? 5 * power : 10 * power;
        for (long k = (long) Math.ceil(lo / step - 1e-9); k * step <= hi + 1e-9 * step; k++) {
            ticks.add(k == 0 ? 0.0 : k * step);
        }
        return ticks;
    }

    /** A tick's value with no more digits than it needs (0.05, 2.5, 10, 1.2e-04). */
    static String tickLabel(double v) {
        if (v != 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) {
            return String.format(Locale.ROOT, "%.1e", v);
        }
        return java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static Color colour(double t) {
        double x = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int k = Math.min(VIRIDIS.length - 2, (int) x);
        double f = x - k;
        Color a = VIRIDIS[k];
        Color b = VIRIDIS[k + 1];
        return new Color((int) (a.getRed() + f * (b.getRed() - a.getRed())), (int) (a.getGreen() + f * (b.getGreen() - a.getGreen())),
                (int) (a.getBlue() + f * (b.getBlue() - a.getBlue())));
    }

    /** The model's marginal density of one coordinate against the samples' histogram (same box, 40 bins). */
    private static XYChart marginal(GridDensity2d grid, double[][] samples, Labels labels, int axis, int width, int height, String name) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title("marginal of " + name)
                .xAxisTitle(name).yAxisTitle("density").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setMarkerSize(0);
        double lo = axis == 0 ? grid.xlo : grid.ylo;
        double hi = axis == 0 ? grid.xhi : grid.yhi;
        int bins = GridDensity2d.COARSE;
        double binWidth = (hi - lo) / bins;
        double[] counts = new double[bins];
        for (double[] s : samples) {
            double v = s[axis];
            if (v >= lo && v < hi) {
                counts[Math.min(bins - 1, (int) ((v - lo) / binWidth))]++;
            }
        }
        List<Double> hx = new ArrayList<>();
        List<Double> hy = new ArrayList<>();
        for (int b = 0; b < bins; b++) {
            double density = counts[b] / Math.max(1, samples.length) / binWidth;
            hx.add(lo + b * binWidth);
            hy.add(density);
            hx.add(lo + (b + 1) * binWidth);
            hy.add(density);
        }
        XYSeries samplesSeries = chart.addSeries(labels.points(), hx, hy);
        samplesSeries.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        samplesSeries.setLineColor(SAMPLE.darker());
        samplesSeries.setMarker(SeriesMarkers.NONE);
        XYSeries modelSeries = chart.addSeries(labels.densityInLegend(), grid.coordinates(axis), grid.marginal(axis));
        modelSeries.setLineColor(VIRIDIS[1]);
        modelSeries.setMarker(SeriesMarkers.NONE);
        return chart;
    }

    /**
     * Square images: up to 100 samples beside their nearest training images, and how far samples and held-out test
     * images are from the training set ({@code nearest-train-distance/...} in {@code measured}).
     */
    private static BufferedImage images(double[][] samples, INDArray trainArray, INDArray testArray, double[][] train, int side,
                                        String title, Map<String, Object> measured) {
        double[][] shown = java.util.Arrays.copyOf(samples, Math.min(100, samples.length));
        double[][] nearest = ImagePictures.nearest(shown, trainArray);
        double[][] test = testArray.rows() == 0 ? new double[0][]
                : testArray.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, Math.min(100, testArray.rows())),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).castTo(DataType.DOUBLE).toDoubleMatrix();
        double sampleDistance = ImagePictures.medianDistance(nearest);
        double testDistance = ImagePictures.medianDistance(ImagePictures.nearest(test, trainArray));
        measured.put("nearest-train-distance/samples-median", sampleDistance);
        measured.put("nearest-train-distance/test-median", testDistance);
        double[][] neighbours = new double[nearest.length][];
        for (int i = 0; i < nearest.length; i++) {
            neighbours[i] = train[(int) nearest[i][0]];
        }
        double[] range = ImagePictures.range(train);
        return ImagePictures.samplesWithNeighbours(shown, neighbours, side, title, sampleDistance, testDistance, range[0], range[1]);
    }

    /** The first two coordinates of samples over data. */
    public static XYChart scatter(double[][] samples, double[][] data, String title) {
        XYChart chart = new XYChartBuilder().width(700).height(640).title(title + " (first two coordinates)")
                .xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        points(chart, "data", data, 3000, new Color(120, 120, 120, 70));
        points(chart, "samples", samples, samples.length, SAMPLE);
        return chart;
    }

    private static void points(XYChart chart, String name, double[][] rows, int max, Color colour) {
        int n = Math.min(max, rows.length);
        if (n == 0) {
            return;
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rows[i][0];
            y[i] = rows[i][1];
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colour);
    }

    /** The rows of {@code samples} whose every value is finite, as doubles. */
    public static double[][] finiteRows(INDArray samples) {
        double[][] all = samples.castTo(DataType.DOUBLE).toDoubleMatrix();
        return java.util.Arrays.stream(all).filter(r -> java.util.Arrays.stream(r).allMatch(Double::isFinite)).toArray(double[][]::new);
    }
}
