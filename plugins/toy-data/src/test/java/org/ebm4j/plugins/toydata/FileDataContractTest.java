package org.ebm4j.plugins.toydata;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.testkit.DataSourceContract;
import org.junit.jupiter.api.Nested;
import org.nd4j.linalg.factory.Nd4j;

/** The csv and npy sources pass the testkit's DataSourceContract on a small file written for the test. */
class FileDataContractTest {

    private static final Path DIR;

    static {
        try {
            DIR = Files.createTempDirectory("file-data-contract");
            StringBuilder csv = new StringBuilder("a,b\n");
            double[][] rows = new double[50][2];
            for (int i = 0; i < 50; i++) {
                rows[i][0] = Math.sin(i);
                rows[i][1] = Math.cos(3 * i);
                csv.append(rows[i][0]).append(',').append(rows[i][1]).append('\n');
            }
            Files.writeString(DIR.resolve("data.csv"), csv);
            Nd4j.writeAsNumpy(Nd4j.createFromArray(rows), DIR.resolve("data.npy").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Nested
    class Csv extends DataSourceContract {
        @Override
        protected ComponentProvider<DataSource> provider() {
            return new CsvDataProvider();
        }

        @Override
        protected String testSettings() {
            return "path = \"" + DIR.resolve("data.csv").toString().replace("\\", "/") + "\"";
        }
    }

    @Nested
    class Npy extends DataSourceContract {
        @Override
        protected ComponentProvider<DataSource> provider() {
            return new NpyDataProvider();
        }

        @Override
        protected String testSettings() {
            return "path = \"" + DIR.resolve("data.npy").toString().replace("\\", "/") + "\"";
        }
    }
}
