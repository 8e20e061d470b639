package org.ebm4j.plugins.toydata;

import com.typesafe.config.Config;
import java.nio.file.Path;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.DataSourceProvider;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.data.NpyFile;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** {@code data.type = npy}: a NumPy {@code .npy} matrix (the header is validated in Java, any byte order, C or Fortran order). */
@Extension
public class NpyDataProvider implements DataSourceProvider {

    @Override
    public String name() {
        return "npy";
    }

    @Override
    public String description() {
        return "NumPy .npy matrices [n, d], standardised (reported back in the file's units)";
    }

    @Override
    public DataSource create(Config s, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        String path = r.string(s, "path");
        String testPath = r.string(s, "test-path");
        double fraction = r.nonNegativeDouble(s, "test-fraction");
        boolean standardise = r.bool(s, "standardise");
        Tables.checkFraction(r, s, fraction, !testPath.isBlank());
        if (path.isBlank()) {
            r.add(s, "path", "is required: the .npy file to train on");
        }
        r.throwIfAny();
        return random -> {
            INDArray train = load(s, "path", path);
            Dataset d = testPath.isBlank()
                    ? Tables.split(Path.of(path).getFileName().toString(), train, fraction, random, s)
                    : Tables.pair(Path.of(path).getFileName().toString(), train, load(s, "test-path", testPath), s);
            return standardise ? Tables.standardise(d) : d;
        };
    }

    private static INDArray load(Config s, String key, String file) {
        INDArray a;
        try {
            a = NpyFile.read(Path.of(file));
        } catch (NpyFile.FormatException e) {
            throw new ConfigException(key, SettingsReader.originOf(s, key), e.getMessage());
        }
        if (a.rank() != 2) {
            throw new ConfigException(key, SettingsReader.originOf(s, key), file + " holds shape " + java.util.Arrays.toString(a.shape())
                    + "; a data set is a matrix [n, d] (reshape with X.reshape(n, -1))");
        }
        return a.castTo(DataType.FLOAT);
    }
}
