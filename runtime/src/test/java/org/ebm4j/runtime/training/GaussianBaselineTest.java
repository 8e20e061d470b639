package org.ebm4j.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.ebm4j.api.random.RandomSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GaussianBaselineTest {

    /** On Gaussian data the baseline is the entropy ½ d log(2πe) + ½ log det Σ (up to sampling error). */
    @Test
    void onGaussianDataTheBaselineIsTheEntropy() {
        INDArray factor = Nd4j.createFromArray(new double[][] {{Math.sqrt(2), 0}, {0.5 / Math.sqrt(2), Math.sqrt(1 - 0.125)}});
        RandomSource random = RandomSource.seeded(3);
        INDArray train = random.normal(DataType.DOUBLE, 20000, 2).array().mmul(factor.transpose()).addi(5);
        INDArray test = random.normal(DataType.DOUBLE, 20000, 2).array().mmul(factor.transpose()).addi(5);
        double logDet = Math.log(2 * 1 - 0.5 * 0.5);
        double entropy = Math.log(2 * Math.PI * Math.E) + 0.5 * logDet;
        assertThat(GaussianBaseline.testNll(train, test)).hasValueCloseTo(entropy, within(0.03));
    }

    /** Constant columns (a pixel that is always 0) get a tiny variance rather than failing. */
    @Test
    void constantColumnsDoNotBreakIt() {
        INDArray train = Nd4j.hstack(RandomSource.seeded(1).normal(DataType.DOUBLE, 500, 2).array(), Nd4j.zeros(DataType.DOUBLE, 500, 1));
        INDArray test = Nd4j.hstack(RandomSource.seeded(2).normal(DataType.DOUBLE, 100, 2).array(), Nd4j.zeros(DataType.DOUBLE, 100, 1));
        assertThat(GaussianBaseline.testNll(train, test)).isPresent();
    }

    @Test
    void onlyNllsWorseThanTheBaselineAreWarnedAbout() {
        var w = GaussianBaseline.warnings(Map.of("grid", Map.of("test-nll", 29779.0, "mass-outside-box", 0.5),
                "ais", Map.of("test-nll/lower", 2.9, "test-nll/upper", 100.0), "nan", Map.of("test-nll", Double.NaN)), 3.0);
        assertThat(w).containsOnlyKeys("grid", "nan");
        assertThat(w.get("grid").get(0)).contains("29779.0000").contains("worse than a Gaussian fitted to the training rows (3.0000");
    }
}
