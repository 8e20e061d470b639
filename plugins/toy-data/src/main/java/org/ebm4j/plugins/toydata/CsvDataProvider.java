package org.ebm4j.plugins.toydata;

import com.typesafe.config.Config;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        return "Numeric CSV files: header handling, column selection, optional standardisation";
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
        if (path.isBlank()) {
            r.add(s, "path", "is required: the CSV file to train on");
        }
        r.throwIfAny();
        return random -> {
            INDArray train = load(s, "path", path, delimiter, header, columns);
            Dataset d = testPath.isBlank()
                    ? Tables.split(Path.of(path).getFileName().toString(), train, fraction, random)
                    : new Dataset(Path.of(path).getFileName().toString(), train, load(s, "test-path", testPath, delimiter, header, columns));
            return standardise ? Tables.standardise(d) : d;
        };
    }

    private static INDArray load(Config s, String key, String file, String delimiter, String header, List<String> columns) {
        Path p = Path.of(file);
        NumericCsv table;
        try (BufferedReader in = Files.newBufferedReader(p, StandardCharsets.UTF_8)) {
            table = NumericCsv.read(in, file, delimiter, header);
        } catch (IOException e) {
            throw new ConfigException(key, SettingsReader.originOf(s, key), "cannot read " + p.toAbsolutePath() + " (" + e + ")");
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, SettingsReader.originOf(s, key), e.getMessage());
        }
        int[] picked = pick(s, table, columns);
        double[][] rows = new double[table.rows().length][picked.length];
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < picked.length; j++) {
                rows[i][j] = table.rows()[i][picked[j]];
            }
        }
        return Tables.matrix(rows);
    }

    private static int[] pick(Config s, NumericCsv table, List<String> columns) {
        int width = table.rows()[0].length;
        if (columns.isEmpty()) {
            return java.util.stream.IntStream.range(0, width).toArray();
        }
        List<Integer> out = new ArrayList<>();
        for (String c : columns) {
            int index = table.header().indexOf(c);
            if (index < 0) {
                try {
                    index = Integer.parseInt(c);
                } catch (NumberFormatException e) {
                    index = -1;
                }
            }
            if (index < 0 || index >= width) {
                throw new ConfigException("columns", SettingsReader.originOf(s, "columns"), "no column '" + c + "'; columns are 0.."
                        + (width - 1) + (table.header().isEmpty() ? "" : " or " + table.header()));
            }
            out.add(index);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
