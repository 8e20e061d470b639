package org.ebm4j.plugins.nll2d;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The evaluator's pictures, drawn with XChart. */
final class Plots {

    private static final int CELLS = 96;

    private Plots() {}

    /** The density on a coarse grid (each cell the mean of the fine grid's points in it), test points overlaid as dots. */
    static void density(GridIntegral grid, INDArray test, String title, Path file) {
        int res = grid.resolution();
        double[][] cells = new double[CELLS][CELLS];
        int[][] counts = new int[CELLS][CELLS];
        for (int i = 0; i < res; i++) {
            for (int j = 0; j < res; j++) {
                int ci = Math.min(CELLS - 1, i * CELLS / res);
                int cj = Math.min(CELLS - 1, j * CELLS / res);
                cells[ci][cj] += grid.density(i, j);
                counts[ci][cj]++;
            }
        }
        double cellWidth = (grid.hi() - grid.lo()) / CELLS;
        List<Double> axis = new ArrayList<>();
        for (int k = 0; k < CELLS; k++) {
            axis.add(Math.round((grid.lo() + (k + 0.5) * cellWidth) * 100) / 100.0);
        }
        List<Number[]> heat = new ArrayList<>();
        for (int i = 0; i < CELLS; i++) {
            for (int j = 0; j < CELLS; j++) {
                heat.add(new Number[] {i, j, cells[i][j] / Math.max(1, counts[i][j])});
            }
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(820).height(700).title(title).xAxisTitle("x1 (left to right: "
                + String.format(java.util.Locale.ROOT, "%.1f to %.1f", grid.lo(), grid.hi()) + ")").yAxisTitle("x2 (bottom to top)").build();
        chart.getStyler().setDrawBorder(false);
        chart.getStyler().setRangeColors(new Color[] {new Color(68, 1, 84), new Color(59, 82, 139), new Color(33, 145, 140),
                new Color(94, 201, 98), new Color(253, 231, 37)});
        chart.getStyler().setShowValue(false);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setXAxisTicksVisible(false);
        chart.getStyler().setYAxisTicksVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.addSeries("density", axis, axis, heat);
        save(chart, file);
        XYChart overlay = scatterBase(title.replace("model density exp(-E)/Z", "test data"), grid.hi());
        addPoints(overlay, "test data", test, 3000, new Color(60, 60, 60, 90));
        save(overlay, file.resolveSibling("test-data.png"));
    }

    static void samples(INDArray samples, INDArray data, double half, String title, Path file) {
        XYChart chart = scatterBase(title, half);
        addPoints(chart, "data", data, 3000, new Color(120, 120, 120, 70));
        addPoints(chart, "samples", samples, samples.rows(), new Color(214, 39, 40, 150));
        save(chart, file);
    }

    private static XYChart scatterBase(String title, double half) {
        XYChart chart = new XYChartBuilder().width(640).height(640).title(title).xAxisTitle("x1").yAxisTitle("x2").build();
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        chart.getStyler().setMarkerSize(3);
        chart.getStyler().setXAxisMin(-half).setXAxisMax(half).setYAxisMin(-half).setYAxisMax(half);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        return chart;
    }

    private static void addPoints(XYChart chart, String name, INDArray points, long max, Color color) {
        int n = (int) Math.min(max, points.rows());
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = points.getDouble(i, 0);
            y[i] = points.getDouble(i, 1);
        }
        XYSeries s = chart.addSeries(name, x, y);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(color);
    }

    private static void save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) {
        try {
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
