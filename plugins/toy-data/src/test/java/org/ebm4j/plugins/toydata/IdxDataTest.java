package org.ebm4j.plugins.toydata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomSource;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

/** IDX files written here (gzipped and not), so nothing downloads; Fashion-MNIST itself where Debian's package is installed. */
class IdxDataTest {

    @TempDir
    Path dir;

    private static final ComponentContext CONTEXT = new ComponentContext() {
        @Override
        public int dimension() {
            throw new IllegalStateException();
        }

        @Override
        public RandomSource random() {
            return RandomSource.seeded(0);
        }

        @Override
        public <T> T create(Class<T> kind, String key) {
            throw new UnsupportedOperationException();
        }
    };

    private static Dataset load(String overrides) {
        Config defaults = ConfigFactory.parseResources(IdxDataTest.class.getClassLoader(), "reference.conf").getConfig("ebm.data.idx");
        return new IdxDataProvider().create(ConfigFactory.parseString(overrides).withFallback(defaults), CONTEXT).load(RandomSource.seeded(3));
    }

    /** An IDX file of unsigned bytes with the given dimensions; value of element e is {@code value(e)}. */
    private Path idx(String name, boolean gzip, java.util.function.IntUnaryOperator value, int... dims) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x0800 | dims.length);
        int total = 1;
        for (int d : dims) {
            out.writeInt(d);
            total *= d;
        }
        for (int e = 0; e < total; e++) {
            out.writeByte(value.applyAsInt(e));
        }
        Path f = dir.resolve(name);
        try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(f)) : Files.newOutputStream(f)) {
            o.write(bytes.toByteArray());
        }
        return f;
    }

    @Test
    void imagesArriveAsScaledRowsWithTheirLabelsFilteredAndDownsampled() throws IOException {
        // 10 images of 4×4; image i has every pixel = 10·i + (row-major position), label i % 3
        Path images = idx("img.gz", true, e -> 10 * (e / 16) + e % 16, 10, 4, 4);
        Path labels = idx("lab", false, i -> i % 3, 10);
        Dataset d = load("path = \"" + images + "\", test-fraction = 0.3, dequantise = false");
        assertThat(d.train().shape()).containsExactly(7, 16);
        assertThat(d.test().shape()).containsExactly(3, 16);
        INDArray row = d.train().getRow(0);
        int image = (int) Math.round(row.getDouble(0) * 255) / 10;
        for (int j = 0; j < 16; j++) {
            assertThat(row.getDouble(j)).as("pixel %d", j).isCloseTo((10.0 * image + j) / 255, within(1e-6));
        }
        Dataset only = load("path = \"" + images + "\", labels-path = \"" + labels + "\", labels = [1], test-fraction = 0.25,"
                + " dequantise = false, downsample = 2");
        assertThat(only.train().rows() + only.test().rows()).as("images 1, 4, 7").isEqualTo(3);
        assertThat(only.train().columns()).as("2×2 blocks of a 4×4 image").isEqualTo(4);
        assertThat(only.rowShape()).as("rows are 1×2×2 images").containsExactly(1, 2, 2);
        assertThat(d.rowShape()).containsExactly(1, 4, 4);
        double first = only.train().getDouble(0, 0) * 255; // block mean of positions 0, 1, 4, 5 = 10·i + 2.5
        assertThat((first - 2.5) % 30).as("an image with label 1: i = 1, 4 or 7").isCloseTo(10, within(1e-3));
        Dataset dq = load("path = \"" + images + "\", test-fraction = 0.3, scale = symmetric");
        assertThat(dq.train().minNumber().doubleValue()).isGreaterThanOrEqualTo(-1.0);
        assertThat(dq.train().maxNumber().doubleValue()).isLessThan(1.0);
        Dataset sub = load("path = \"" + images + "\", test-path = \"" + images + "\", train-size = 4, test-size = 2");
        assertThat(sub.train().rows()).isEqualTo(4);
        assertThat(sub.test().rows()).isEqualTo(2);
    }

    @Test
    void badFilesAndSettingsAreClearErrors() throws IOException {
        Path notIdx = Files.writeString(dir.resolve("x.idx"), "hello, world");
        assertThatThrownBy(() -> load("path = \"" + notIdx + "\"")).isInstanceOf(ConfigException.class).hasMessageContaining("path")
                .hasMessageContaining("not an IDX file");
        Path truncated = dir.resolve("t.idx");
        Files.write(truncated, new byte[] {0, 0, 8, 3, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 2, 1, 2, 3});
        assertThatThrownBy(() -> load("path = \"" + truncated + "\"")).hasMessageContaining("truncated");
        Path labels = idx("l", false, i -> i, 5);
        assertThatThrownBy(() -> load("path = \"" + labels + "\"")).hasMessageContaining("[images, height, width]");
        assertThatThrownBy(() -> load("path = \"" + dir.resolve("none") + "\"")).hasMessageContaining("no such file");
        assertThatThrownBy(() -> load("set = fashion-mnist, folder = \"" + dir + "\"")).hasMessageContaining("apt-get install dataset-fashion-mnist")
                .hasMessageContaining("train-images-idx3-ubyte.gz");
        assertThatThrownBy(() -> load("")).hasMessageContaining("set = fashion-mnist");
        assertThatThrownBy(() -> load("set = fashion-mnist, path = x.idx")).hasMessageContaining("give one");
        Path images = idx("i", false, e -> e % 256, 4, 2, 2);
        assertThatThrownBy(() -> load("path = \"" + images + "\", labels = [1]")).hasMessageContaining("needs labels-path");
        assertThatThrownBy(() -> load("path = \"" + images + "\", downsample = 0")).hasMessageContaining("downsample");
    }

    @Test
    void fashionMnistFromDebiansPackage() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of(IdxDataProvider.DEBIAN_FASHION_MNIST)),
                "Debian's dataset-fashion-mnist is not installed (apt-get install dataset-fashion-mnist)");
        Dataset d = load("set = fashion-mnist, train-size = 500, test-size = 200, labels = [0, 9]");
        assertThat(d.train().shape()).containsExactly(500, 784);
        assertThat(d.test().shape()).containsExactly(200, 784);
        double mean = d.train().meanNumber().doubleValue();
        assertThat(mean).as("the mean grey level of T-shirts and ankle boots").isBetween(0.15, 0.5);
        Dataset small = load("set = fashion-mnist, train-size = 10, test-size = 10, downsample = 2");
        assertThat(small.train().columns()).isEqualTo(196);
        assertThat(small.rowShape()).containsExactly(1, 14, 14);
    }
}
