package org.ebm4j.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class DataCoordinatesTest {

    private final DataCoordinates units = new DataCoordinates(List.of("age", "income"), new double[] {40, -3}, new double[] {12, 0.5});

    @Test
    void mapsRowsBothWaysColumnByColumn() {
        INDArray model = Nd4j.createFromArray(new double[][] {{0, 0}, {1, -2}, {-0.5, 4}});
        INDArray data = units.toData(model);
        assertThat(data.toDoubleMatrix()).isEqualTo(new double[][] {{40, -3}, {52, -4}, {34, -1}});
        assertThat(units.toModel(data).toDoubleMatrix()).isEqualTo(model.toDoubleMatrix());
        assertThat(model.toDoubleMatrix()[1]).as("the input is not changed").containsExactly(1, -2);
        assertThat(units.toData(1, -2)).isEqualTo(-4);
        assertThat(units.toModel(0, 52)).isEqualTo(1);
        INDArray floats = units.toData(model.castTo(DataType.FLOAT));
        assertThat(floats.dataType()).isEqualTo(DataType.FLOAT);
    }

    @Test
    void theLogDeterminantIsWhatAnNllGainsInTheDataUnits() {
        assertThat(units.logDeterminant()).isCloseTo(Math.log(12) + Math.log(0.5), within(1e-15));
        // a standard normal in model coordinates is N(shift, scale²) in the data's: compare the two densities at a point
        double z0 = 0.3;
        double z1 = -1.1;
        double nllModel = Math.log(2 * Math.PI) + 0.5 * (z0 * z0 + z1 * z1);
        double x0 = units.toData(0, z0);
        double x1 = units.toData(1, z1);
        double nllData = 0.5 * Math.log(2 * Math.PI * 144) + 0.5 * Math.pow((x0 - 40) / 12, 2)
                + 0.5 * Math.log(2 * Math.PI * 0.25) + 0.5 * Math.pow((x1 + 3) / 0.5, 2);
        assertThat(nllModel + units.logDeterminant()).isCloseTo(nllData, within(1e-12));
    }

    @Test
    void onlyLogDensityMetricsMove() {
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String k : List.of("test-nll", "test-nll-se", "test-nll/lower", "test-nll/lower-se", "log-z", "log-z/se", "log-z/ess",
                "log-z/upper", "log-z/upper-se", "test-nll/wide-box", "noise/test-nll", "validation-nll", "nll-box-half-width",
                "grid-tv", "mmd2", "seconds")) {
            metrics.put(k, 1.0);
        }
        Map<String, Double> moved = units.inDataUnits(metrics);
        double d = units.logDeterminant();
        assertThat(moved.keySet()).as("order kept").containsExactlyElementsOf(metrics.keySet());
        moved.forEach((k, v) -> {
            boolean shifts = List.of("test-nll", "test-nll/lower", "log-z", "log-z/upper", "test-nll/wide-box", "noise/test-nll",
                    "validation-nll").contains(k);
            assertThat(v).as(k).isCloseTo(shifts ? 1 + d : 1, within(1e-15));
        });
        assertThat(DataCoordinates.identity(2).inDataUnits(metrics)).isEqualTo(metrics);
    }

    @Test
    void identityIsTheDataItself() {
        DataCoordinates id = DataCoordinates.identity(3);
        assertThat(id.isIdentity()).isTrue();
        assertThat(id.columns()).containsExactly("x1", "x2", "x3");
        assertThat(id.logDeterminant()).isZero();
        assertThat(units.isIdentity()).isFalse();
    }

    @Test
    void badMapsAreRefusedByName() {
        assertThatThrownBy(() -> new DataCoordinates(List.of("a", "b"), new double[] {0, 0}, new double[] {1, 0}))
                .hasMessageContaining("'b'").hasMessageContaining("positive");
        assertThatThrownBy(() -> new DataCoordinates(List.of("a"), new double[] {0, 0}, new double[] {1, 1}))
                .hasMessageContaining("one shift and one scale per column");
        assertThatThrownBy(() -> units.toData(Nd4j.zeros(3, 3))).hasMessageContaining("2 columns");
    }

    @Test
    void aDatasetChecksItsCoordinatesAndKeepsThemThroughCopies() {
        INDArray rows = Nd4j.zeros(DataType.FLOAT, 4, 2);
        Dataset d = new Dataset("t", rows, rows);
        assertThat(d.coordinates()).isEqualTo(DataCoordinates.identity(2));
        assertThat(d.withCoordinates(units).coordinates()).isEqualTo(units);
        assertThatThrownBy(() -> d.withCoordinates(DataCoordinates.identity(3))).hasMessageContaining("coordinates name 3 columns");
        assertThat(units.sameMap(units.withColumns(List.of("p", "q")), 1e-9)).isTrue();
        assertThat(units.sameMap(new DataCoordinates(List.of("a", "b"), new double[] {40.01, -3}, new double[] {12, 0.5}), 1e-5)).isFalse();
    }
}
