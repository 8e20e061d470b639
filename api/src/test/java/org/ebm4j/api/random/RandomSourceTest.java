package org.ebm4j.api.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.ebm4j.api.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class RandomSourceTest {

    private static final int N = 100_000;

    @Test
    void theSameSeedGivesTheSameNumbersWhateverElseUsesNd4jsGenerator() {
        RandomSource a = RandomSource.seeded(7);
        RandomSource b = RandomSource.seeded(7);
        double[] first = a.normal(DataType.FLOAT, 10).toDoubleArray();
        Nd4j.getRandom().nextGaussian(new long[] {1000}); // the thread's generator: must not matter
        assertThat(b.normal(DataType.FLOAT, 10).toDoubleArray()).containsExactly(first);
        assertThat(RandomSource.seeded(8).normal(DataType.FLOAT, 10).toDoubleArray()).isNotEqualTo(first);
    }

    @Test
    void splitStreamsDependOnTheNameAndSeedOnly() {
        RandomSource root = RandomSource.seeded(1);
        double[] data = root.split("data").normal(DataType.DOUBLE, 5).toDoubleArray();
        root.normal(DataType.DOUBLE, 100); // drawing from the parent does not move its children
        assertThat(root.split("data").normal(DataType.DOUBLE, 5).toDoubleArray()).containsExactly(data);
        assertThat(root.split("noise").normal(DataType.DOUBLE, 5).toDoubleArray()).isNotEqualTo(data);
    }

    @Test
    void restoringAStateContinuesTheStreamExactly() {
        RandomSource r = RandomSource.seeded(3);
        r.normal(DataType.FLOAT, 17);
        r.nextInt(10);
        RandomSource.State saved = r.state();
        double[] next = r.uniform(-1, 1, DataType.FLOAT, 8).toDoubleArray();
        int nextInt = r.nextInt(1000);
        RandomSource resumed = RandomSource.seeded(3);
        resumed.restore(saved);
        assertThat(resumed.uniform(-1, 1, DataType.FLOAT, 8).toDoubleArray()).containsExactly(next);
        assertThat(resumed.nextInt(1000)).isEqualTo(nextInt);
        assertThatThrownBy(() -> RandomSource.seeded(4).restore(saved)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Moments within 5 standard errors of their true values (false-alarm rate below 1e-6 each). */
    @Test
    void distributionsHaveTheirMoments() {
        RandomSource r = RandomSource.seeded(11);
        Tensor z = r.normal(DataType.DOUBLE, N);
        double se = 1 / Math.sqrt(N);
        assertThat(z.mean().item()).isCloseTo(0, within(5 * se));
        assertThat(z.square().mean().item()).isCloseTo(1, within(5 * Math.sqrt(2) * se));

        Tensor u = r.uniform(-2, 4, DataType.DOUBLE, N);
        assertThat(u.array().minNumber().doubleValue()).isGreaterThanOrEqualTo(-2);
        assertThat(u.array().maxNumber().doubleValue()).isLessThan(4);
        assertThat(u.mean().item()).isCloseTo(1, within(5 * Math.sqrt(3) * se)); // sd = 6/√12

        Tensor v = r.rademacher(DataType.DOUBLE, N);
        assertThat(v.abs().mean().item()).isEqualTo(1.0);
        assertThat(v.mean().item()).isCloseTo(0, within(5 * se));
    }

    @Test
    void permutationsAndIndicesStayInRange() {
        RandomSource r = RandomSource.seeded(2);
        assertThat(r.permutation(50)).containsExactlyInAnyOrder(java.util.stream.IntStream.range(0, 50).toArray());
        assertThat(java.util.Arrays.stream(r.indices(1000, 7)).boxed().toList()).allSatisfy(i -> assertThat(i).isBetween(0, 6));
    }
}
