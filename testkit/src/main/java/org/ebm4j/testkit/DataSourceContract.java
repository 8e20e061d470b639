package org.ebm4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The contract of a data source: train and test non-empty, finite, of one dimension; the same seed, the same data. */
public abstract class DataSourceContract extends ComponentContract<DataSource> {

    @Override
    protected final String kind() {
        return "data";
    }

    @Override
    protected double[] fingerprint(DataSource source, long seed) {
        try (RandomSource random = RandomSource.seeded(seed)) {
            Dataset d = source.load(random);
            return new double[] {d.train().rows(), d.test().rows(), d.train().castTo(DataType.DOUBLE).sumNumber().doubleValue(),
                    d.test().castTo(DataType.DOUBLE).sumNumber().doubleValue()};
        }
    }

    @Test
    void trainAndTestAreFiniteNonEmptyAndOfOneDimension() {
        try (RandomSource random = RandomSource.seeded(1)) {
            Dataset d = create(1).load(random);
            assertThat(d.train().rows()).as("training rows").isPositive();
            assertThat(d.test().rows()).as("test rows").isPositive();
            assertThat(d.test().columns()).as("test dimension").isEqualTo(d.train().columns());
            EbmAssertions.assertThat(d.train()).isFinite();
            EbmAssertions.assertThat(d.test()).isFinite();
        }
    }
}
