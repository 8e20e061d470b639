package org.ebm4j.plugins.toydata;

import com.typesafe.config.Config;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.DataSourceProvider;
import org.ebm4j.api.data.Dataset;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pf4j.Extension;

/** {@code data.type = csv}: numbers from delimited text files, columns by index or header name. */
@Extension
public class CsvDataProvider implements DataSourceProvider {

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String description() {
        return "Numeric CSV files: header names kept, column selection, standardised (reported back in the file's units)";
    }

    @Override
    public DataSource create(Config s, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        String path = r.string(s, "path");
        String testPath = r.string(s, "test-path");
        String delimiter = r.string(s, "delimiter");
        String header = r.oneOf(s, "header", List.of("auto", "true", "false"));
        List<String> columns = r.read(s, "columns", () -> s.getStringList("columns"), List.of());
        double fraction = r.nonNegativeDouble(s, "test-fraction");
        boolean standardise = r.bool(s, "standardise");
        Tables.checkFraction(r, s, fraction, !testPath.isBlank());
        if (path.isBlank()) {
            r.add(s, "path", "is required: the CSV file to train on");
        }
        r.throwIfAny();
        return random -> {
            NumericCsv.Table table = load(s, "path", path, delimiter, header, columns);
            INDArray train = table.matrix();
            Dataset d = testPath.isBlank()
                    ? Tables.split(Path.of(path).getFileName().toString(), train, fraction, random, s)
                    : Tables.pair(Path.of(path).getFileName().toString(), train,
                            load(s, "test-path", testPath, delimiter, header, columns).matrix(), s);
            d = Tables.named(d, table.chosen());
            return standardise ? Tables.standardise(d) : d;
        };
    }

    private static NumericCsv.Table load(Config s, String key, String file, String delimiter, String header, List<String> columns) {
        Path p = Path.of(file);
        if (Files.isDirectory(p)) {
            throw new ConfigException(key, SettingsReader.originOf(s, key), p.toAbsolutePath() + " is a directory, not a CSV file");
        }
        try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            return NumericCsv.read(in, file, delimiter, header, columns);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(key, SettingsReader.originOf(s, key), "cannot read " + p.toAbsolutePath() + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(key, SettingsReader.originOf(s, key), p.toAbsolutePath() + " is not UTF-8 text (a binary file, or "
                    + "another encoding: save it as UTF-8 CSV)");
        } catch (IOException e) {
            throw new ConfigException(key, SettingsReader.originOf(s, key), "cannot read " + p.toAbsolutePath() + ": " + e.getMessage()
                    + " (" + e.getClass().getSimpleName() + ")");
        } catch (NumericCsv.NoSuchColumn e) {
            throw new ConfigException("columns", SettingsReader.originOf(s, "columns"), e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, SettingsReader.originOf(s, key), e.getMessage());
        }
    }
}
