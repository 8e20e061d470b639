package org.ebm4j.runtime.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code plots/curves.png}: from {@code metrics.jsonl}, the training losses, the validation loss, the evaluators'
 * test NLLs (one series per label) and the noise's test NLL (NCE, FCE) against the step.
 */
public final class CurvePlot {

    private static final Logger LOG = LoggerFactory.getLogger(CurvePlot.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private CurvePlot() {}

    public static void draw(Path metrics, Path png, String title) {
        Map<String, List<double[]>> series = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(metrics)) {
                JsonNode node = JSON.readTree(line);
                double step = node.get("step").asDouble();
                String source = node.path("source").asText("train");
                for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                    String key = it.next();
                    JsonNode v = node.get(key);
                    boolean wanted = key.startsWith("loss/") || key.equals("test-nll") || key.equals("validation-loss") || key.equals("noise/test-nll");
                    if (wanted && v.isNumber()) {
                        String name = source.equals("train") || source.equals("validation") ? key : source + ": " + key;
                        series.computeIfAbsent(name, k -> new ArrayList<>()).add(new double[] {step, v.asDouble()});
                    }
                }
            }
            if (series.isEmpty()) {
                return;
            }
            XYChart chart = new XYChartBuilder().width(720).height(480).title(title).xAxisTitle("step").yAxisTitle("value").build();
            for (Map.Entry<String, List<double[]>> e : series.entrySet()) {
                double[] x = e.getValue().stream().mapToDouble(p -> p[0]).toArray();
                double[] y = e.getValue().stream().mapToDouble(p -> p[1]).toArray();
                XYSeries s = chart.addSeries(e.getKey(), x, y);
                s.setMarker(x.length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
            }
            BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not draw {}: {}", png, e.toString()); // a picture never fails a run
        }
    }
}
