package org.ebm4j.plugins.toydata;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A numeric table read from delimited text: an optional header line, then one row of numbers per line (blank lines
 * skipped). Quoted fields are not supported: these are matrices, not spreadsheets.
 */
record NumericCsv(List<String> header, double[][] rows) {

    /** Reads {@code in}; {@code header} is "auto" (a first line with a non-number is a header), "true" or "false". */
    static NumericCsv read(BufferedReader in, String source, String delimiter, String header) throws IOException {
        List<double[]> rows = new ArrayList<>();
        List<String> names = List.of();
        String line;
        int lineNumber = 0;
        int width = -1;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split(java.util.regex.Pattern.quote(delimiter), -1);
            boolean first = rows.isEmpty() && names.isEmpty();
            if (first && (header.equals("true") || (header.equals("auto") && !numeric(cells)))) {
                names = List.of(cells).stream().map(String::trim).toList();
                width = cells.length;
                continue;
            }
            if (width >= 0 && cells.length != width) {
                throw new IllegalArgumentException(source + ": line " + lineNumber + " has " + cells.length
                        + " fields, expected " + width);
            }
            width = cells.length;
            double[] row = new double[cells.length];
            for (int j = 0; j < cells.length; j++) {
                try {
                    row[j] = Double.parseDouble(cells[j].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + ": line " + lineNumber + ", field " + (j + 1)
                            + ": '" + cells[j].trim() + "' is not a number");
                }
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + " has no data rows");
        }
        return new NumericCsv(names, rows.toArray(double[][]::new));
    }

    private static boolean numeric(String[] cells) {
        for (String c : cells) {
            try {
                Double.parseDouble(c.trim());
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return true;
    }
}
