package org.ebm4j.plugins.csvmetrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.testkit.ContractSupport;
import org.ebm4j.testkit.TrainingListenerContract;
import org.junit.jupiter.api.Test;

/** CsvMetricsProvider passes the TrainingListenerContract, and its file holds every metric published, in order. */
class CsvMetricsContractTest extends TrainingListenerContract {

    @Override
    protected ComponentProvider<TrainingListener> provider() {
        return new CsvMetricsProvider();
    }

    @Test
    void everyPublishedMetricIsARowInOrder() throws IOException {
        Run run = run(create(1), 2);
        List<String> rows = Files.readAllLines(run.folder().resolve("metrics.csv"));
        assertThat(rows.get(0)).isEqualTo("step,source,metric,value");
        // 3 windows of 3 metrics and 3 evaluations of 2, in the order they were published
        assertThat(rows).hasSize(1 + 3 * 3 + 3 * 2);
        assertThat(rows.get(1)).startsWith("10,train,loss/contract,");
        assertThat(rows.get(3)).isEqualTo("10,train,steps-per-s,100.0");
        assertThat(rows).contains("30,evaluator-label,test-nll,2.5");
    }

    @Test
    void sourcesCanBeChosenAndTheFileStaysInTheRunFolder() throws IOException {
        TrainingListener onlyEvaluations = ContractSupport.build(new CsvMetricsProvider(), "listener",
                "sources = [evaluator-label], file = evals.csv", 2, 1);
        Run run = run(onlyEvaluations, 2);
        assertThat(Files.readAllLines(run.folder().resolve("evals.csv"))).hasSize(1 + 3 * 2).allMatch(r -> !r.contains(",train,"));
        assertThatThrownBy(() -> ContractSupport.build(new CsvMetricsProvider(), "listener", "file = ../outside.csv", 2, 1))
                .isInstanceOf(ConfigException.class).hasMessageContaining("component.file").hasMessageContaining("plain file name");
    }

    @Test
    void fieldsWithCommasOrQuotesAreQuoted() {
        assertThat(CsvMetrics.quoted("a,b")).isEqualTo("\"a,b\"");
        assertThat(CsvMetrics.quoted("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(CsvMetrics.quoted("loss/dsm")).isEqualTo("loss/dsm");
    }
}
