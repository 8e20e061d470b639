package org.ebm4j.plugins.csvmetrics;

import com.typesafe.config.Config;
import java.util.List;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingListenerProvider;
import org.pf4j.Extension;

/** {@code listeners = [{ type = csv-metrics }]}: every published metric as a row of a CSV file in the run folder. */
@Extension
public class CsvMetricsProvider implements TrainingListenerProvider {

    @Override
    public String name() {
        return "csv-metrics";
    }

    @Override
    public String description() {
        return "Writes every published metric to a CSV file in the run folder (step, source, metric, value)";
    }

    @Override
    public TrainingListener create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        String file = r.string(settings, "file");
        if (file.isBlank() || file.contains("/") || file.contains("\\") || file.startsWith(".")) {
            r.add(settings, "file", "must be a plain file name in the run folder, e.g. metrics.csv, got '" + file + "'");
        }
        List<String> sources = r.read(settings, "sources", () -> settings.getStringList("sources"), List.of());
        r.throwIfAny();
        return new CsvMetrics(file, sources);
    }
}
