package org.ebm4j.plugins.toydata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class FileDataTest {

    @TempDir
    Path dir;

    private static final ComponentContext CONTEXT = new ComponentContext() {
        @Override
        public int dimension() {
            throw new IllegalStateException("not known while data is created");
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

    /** The provider's own defaults under {@code overrides}, as the runtime merges them. */
    private static Dataset load(ComponentProvider<DataSource> provider, String kind, String overrides) {
        Config defaults = ConfigFactory.parseResources(FileDataTest.class.getClassLoader(), "reference.conf").getConfig("ebm.data." + kind);
        Config settings = ConfigFactory.parseString(overrides).withFallback(defaults);
        return provider.create(settings, CONTEXT).load(RandomSource.seeded(1));
    }

    @Test
    void csvWithAHeaderPicksColumnsByNameAndStandardises() throws IOException {
        StringBuilder csv = new StringBuilder("id,a,b\n");
        for (int i = 0; i < 100; i++) {
            csv.append(i).append(',').append(2 * i).append(',').append(i % 7).append('\n');
        }
        Path f = Files.writeString(dir.resolve("t.csv"), csv);
        Dataset d = load(new CsvDataProvider(), "csv", "path = \"" + f + "\", columns = [b, a], test-fraction = 0.25, standardise = false");
        assertThat(d.train().shape()).containsExactly(75, 2);
        assertThat(d.test().shape()).containsExactly(25, 2);
        assertThat(d.train().getDouble(0, 1)).isEqualTo(2 * Math.round(d.train().getDouble(0, 1) / 2));
        assertThat(d.coordinates().columns()).as("the header's names, in the chosen order").containsExactly("b", "a");
        assertThat(d.coordinates().isIdentity()).isTrue();
        Dataset s = load(new CsvDataProvider(), "csv", "path = \"" + f + "\"");
        assertThat(s.train().mean(0).getDouble(1)).as("standardised by default").isCloseTo(0, within(1e-5));
        assertThat(s.train().std(0).getDouble(1)).isCloseTo(1, within(1e-5));
        assertThat(s.coordinates().columns()).containsExactly("id", "a", "b");
    }

    /** The standardisation is recorded: mapping the model's rows back gives the file's numbers, train and test alike. */
    @Test
    void aStandardisedFileMapsBackToItsOwnNumbers() throws IOException {
        StringBuilder csv = new StringBuilder("lon,lat\n");
        for (int i = 0; i < 200; i++) {
            csv.append(10 + 3 * Math.cos(i)).append(',').append(-3 + 0.5 * Math.sin(1.3 * i)).append('\n');
        }
        Path f = Files.writeString(dir.resolve("ring.csv"), csv);
        Dataset raw = load(new CsvDataProvider(), "csv", "path = \"" + f + "\", standardise = false");
        Dataset s = load(new CsvDataProvider(), "csv", "path = \"" + f + "\"");
        assertThat(s.coordinates().shift()[0]).isCloseTo(raw.train().castTo(DataType.DOUBLE).mean(0).getDouble(0), within(1e-9));
        assertThat(s.coordinates().scale()[1]).isCloseTo(raw.train().castTo(DataType.DOUBLE).std(0).getDouble(1), within(1e-9));
        for (boolean train : new boolean[] {true, false}) {
            double[][] back = s.coordinates().toData((train ? s.train() : s.test()).castTo(DataType.DOUBLE)).toDoubleMatrix();
            double[][] file = (train ? raw.train() : raw.test()).castTo(DataType.DOUBLE).toDoubleMatrix();
            assertThat(back.length).isEqualTo(file.length).isPositive();
            for (int i = 0; i < back.length; i++) {
                assertThat(back[i][0]).as("row %d of %s", i, train ? "train" : "test").isCloseTo(file[i][0], within(1e-5));
                assertThat(back[i][1]).isCloseTo(file[i][1], within(1e-5));
            }
        }
        assertThat(s.coordinates().columns()).containsExactly("lon", "lat");
        Path noHeader = Files.writeString(dir.resolve("plain.csv"), "1,2\n3,5\n5,6\n7,8\n");
        assertThat(load(new CsvDataProvider(), "csv", "path = \"" + noHeader + "\", test-fraction = 0.25").coordinates().columns())
                .containsExactly("x1", "x2");
    }

    @Test
    void malformedAndMissingCsvFilesNameTheKeyTheFileAndTheLine() throws IOException {
        Path f = Files.writeString(dir.resolve("bad.csv"), "1,2\n3,x\n");
        assertThatThrownBy(() -> load(new CsvDataProvider(), "csv", "path = \"" + f + "\""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("path").hasMessageContaining("bad.csv: line 2, field 2: 'x' is not a number");
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2\n3\n");
        assertThatThrownBy(() -> load(new CsvDataProvider(), "csv", "path = \"" + ragged + "\""))
                .hasMessageContaining("line 2 has 1 fields, expected 2");
        assertThatThrownBy(() -> load(new CsvDataProvider(), "csv", "path = \"" + dir.resolve("none.csv") + "\""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("cannot read").hasMessageContaining("none.csv");
        assertThatThrownBy(() -> new CsvDataProvider().create(ConfigFactory.parseResources(FileDataTest.class.getClassLoader(), "reference.conf")
                .getConfig("ebm.data.csv"), CONTEXT)).isInstanceOf(ConfigException.class).hasMessageContaining("path: is required");
    }

    @Test
    void npyMatricesLoadAndOtherShapesAreRefused() throws IOException {
        INDArray m = Nd4j.rand(DataType.FLOAT, 50, 3);
        Path f = dir.resolve("m.npy");
        Nd4j.writeAsNumpy(m, f.toFile());
        Dataset d = load(new NpyDataProvider(), "npy", "path = \"" + f + "\", test-fraction = 0.2, standardise = false");
        assertThat(d.train().shape()).containsExactly(40, 3);
        assertThat(d.train().sumNumber().doubleValue() + d.test().sumNumber().doubleValue()).isCloseTo(m.sumNumber().doubleValue(), within(1e-3));
        Path v = dir.resolve("v.npy");
        Nd4j.writeAsNumpy(Nd4j.rand(DataType.FLOAT, 5), v.toFile());
        assertThatThrownBy(() -> load(new NpyDataProvider(), "npy", "path = \"" + v + "\""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("a data set is a matrix");
        Path junk = Files.writeString(dir.resolve("junk.npy"), "not numpy");
        assertThatThrownBy(() -> load(new NpyDataProvider(), "npy", "path = \"" + junk + "\""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("junk.npy");
    }

    /** 2e9 rows would make `ebm check` run for minutes and then fail for memory: a clear bound instead. */
    @Test
    void toySetsOfAbsurdSizeAreRefusedAtOnce() {
        Config defaults = ConfigFactory.parseResources(FileDataTest.class.getClassLoader(), "reference.conf").getConfig("ebm.data.toy");
        assertThatThrownBy(() -> new ToyDataProvider().create(ConfigFactory.parseString("train-size = 2e9").withFallback(defaults), CONTEXT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("train-size").hasMessageContaining("between 1 and 10000000");
        assertThatThrownBy(() -> new ToyDataProvider().create(ConfigFactory.parseString("test-size = 10.5").withFallback(defaults), CONTEXT))
                .isInstanceOf(ConfigException.class).hasMessageContaining("test-size").hasMessageContaining("whole number");
    }

    @Test
    void aByteOrderMarkIsIgnoredAndTheFirstRowKept() throws IOException {
        Path f = Files.writeString(dir.resolve("bom.csv"), "\uFEFF1,2\n3,4\n5,6\n7,8\n");
        Dataset d = load(new CsvDataProvider(), "csv", "path = \"" + f + "\", test-fraction = 0.25");
        assertThat(d.train().rows() + d.test().rows()).isEqualTo(4);
        Path h = Files.writeString(dir.resolve("bomh.csv"), "\uFEFFa,b\n3,4\n5,6\n");
        Dataset named = load(new CsvDataProvider(), "csv", "path = \"" + h + "\", columns = [a], test-fraction = 0.5");
        assertThat(named.train().columns()).isEqualTo(1);
    }

    /** A large file is kept as float32 blocks while read: its values arrive exactly, in order. */
    @Test
    void longFilesArriveWholeAndInOrder() throws IOException {
        StringBuilder csv = new StringBuilder();
        int n = 400_000; // more than one block of 2^20 values over 3 columns
        for (int i = 0; i < n; i++) {
            csv.append(i).append(',').append(-i).append(',').append(i % 3).append('\n');
        }
        Path f = Files.writeString(dir.resolve("long.csv"), csv);
        try (var in = Files.newBufferedReader(f)) {
            INDArray m = NumericCsv.read(in, "long.csv", ",", "auto", java.util.List.of("1", "0")).matrix();
            assertThat(m.shape()).containsExactly(n, 2);
            assertThat(m.getDouble(n - 1, 0)).isEqualTo(-(n - 1));
            assertThat(m.getDouble(n - 1, 1)).isEqualTo(n - 1);
            assertThat(m.getDouble(349_525, 1)).isEqualTo(349_525);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "empty file | '' | | has no data rows",
        "header only | 'a,b\n' | | has no data rows",
        "one row | '1,2\n' | | test-fraction",
        "two rows, fraction 0.2 | '1,2\n3,4\n' | | leaves no test rows",
        "fraction 0 | '1,2\n3,4\n5,6\n' | test-fraction = 0 | strictly between 0 and 1",
        "fraction 1 | '1,2\n3,4\n5,6\n' | test-fraction = 1 | strictly between 0 and 1",
        "wrong delimiter | '1;2\n3;4\nx;y\n' | | '3;4' is not a number",
        "empty delimiter | '1,2\n3,4\n' | delimiter = \"\" | the delimiter is empty",
        "missing column | 'a,b\n1,2\n3,4\n' | columns = [c] | no column 'c'",
        "column index out of range | '1,2\n3,4\n' | columns = [\"7\"] | columns are 0..1",
        "quoted field | '\"1\",2\n3,4\n' | header = false | is not a number",
        "ragged | '1,2\n3,4,5\n' | | has 3 fields, expected 2",
    })
    void badCsvFilesAreClearErrorsNamingTheKey(String what, String content, String settings, String message) throws IOException {
        Path f = Files.writeString(dir.resolve("case.csv"), content.replace("\\n", "\n"));
        String extra = settings == null ? "" : ", " + settings;
        assertThatThrownBy(() -> load(new CsvDataProvider(), "csv", "path = \"" + f + "\"" + extra))
                .isInstanceOf(ConfigException.class).hasMessageContaining(message);
    }

    @Test
    void binaryOrDirectoryPathsAndMismatchedTestFilesAreClearErrors() throws IOException {
        Path bin = Files.write(dir.resolve("bin.csv"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3});
        assertThatThrownBy(() -> load(new CsvDataProvider(), "csv", "path = \"" + bin + "\""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not UTF-8 text");
        assertThatThrownBy(() -> load(new CsvDataProvider(), "csv", "path = \"" + dir + "\""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> load(new NpyDataProvider(), "npy", "path = \"" + dir + "\""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("is a directory");
        Path train = Files.writeString(dir.resolve("train.csv"), "1,2\n3,4\n");
        Path test = Files.writeString(dir.resolve("test.csv"), "1,2,3\n3,4,5\n");
        assertThatThrownBy(() -> load(new CsvDataProvider(), "csv", "path = \"" + train + "\", test-path = \"" + test + "\""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("test-path").hasMessageContaining("has 3 columns but the training file");
        Path tensor = dir.resolve("t3.npy");
        Nd4j.writeAsNumpy(Nd4j.rand(DataType.FLOAT, 2, 3, 4), tensor.toFile());
        assertThatThrownBy(() -> load(new NpyDataProvider(), "npy", "path = \"" + tensor + "\""))
                .isInstanceOf(ConfigException.class).hasMessageContaining("holds shape [2, 3, 4]");
    }

    @Test
    void digitsAreSixtyFourDimensionalAndDequantisedIntoTheUnitInterval() {
        Dataset d = load(new DigitsDataProvider(), "digits", "");
        assertThat(d.dimension()).isEqualTo(64);
        assertThat(d.train().rows() + d.test().rows()).isEqualTo(1797);
        assertThat(d.train().minNumber().doubleValue()).isGreaterThanOrEqualTo(0);
        assertThat(d.train().maxNumber().doubleValue()).isLessThan(1);
        // dequantised: values are not multiples of 1/16 any more
        double v = d.train().getDouble(0, 10);
        assertThat(v * 16).isNotEqualTo(Math.rint(v * 16));
    }
}
