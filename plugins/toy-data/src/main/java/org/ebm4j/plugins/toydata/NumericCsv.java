package org.ebm4j.plugins.toydata;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A numeric table read from delimited text: an optional header line, then one row of numbers per line (blank lines
 * skipped, a leading UTF-8 byte-order mark ignored). Quoted fields are not supported: these are matrices, not
 * spreadsheets. The chosen columns are kept as float32 in fixed-size off-heap blocks while reading, each freed as it
 * is copied into the matrix, so a file's peak memory is about twice the float32 size of its data, whatever its length.
 */
final class NumericCsv {

    /**
     * The header's names (empty without one), the chosen columns as a float32 matrix [rows, columns], and the chosen
     * columns' names (empty without a header).
     */
    record Table(List<String> header, INDArray matrix, List<String> chosen) {}

    /** A {@code columns} entry that names no column. */
    static final class NoSuchColumn extends IllegalArgumentException {
        NoSuchColumn(String message) {
            super(message);
        }
    }

    private static final int BLOCK = 1 << 20;

    private NumericCsv() {}

    /**
     * Reads {@code in}; {@code header} is "auto" (a first line with a non-number is a header), "true" or "false";
     * {@code columns} picks columns by header name or index (empty: all).
     */
    static Table read(BufferedReader in, String source, String delimiter, String header, List<String> columns) throws IOException {
        if (delimiter.isEmpty()) {
            throw new IllegalArgumentException("the delimiter is empty");
        }
        Pattern split = Pattern.compile(Pattern.quote(delimiter));
        List<INDArray> blocks = new ArrayList<>(); // off-heap, freed as soon as they are copied
        INDArray block = Nd4j.createUninitialized(DataType.FLOAT, BLOCK);
        FloatBuffer into = block.data().asNioFloat();
        int inBlock = 0;
        long rows = 0;
        List<String> names = List.of();
        int[] picked = null;
        String line;
        int lineNumber = 0;
        int width = -1;
        while ((line = in.readLine()) != null) {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF")) {
                line = line.substring(1); // a byte-order mark, as spreadsheet programs write
            }
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split.split(line, -1);
            boolean first = width < 0;
            if (first && (header.equals("true") || (header.equals("auto") && !numeric(cells)))) {
                names = List.of(cells).stream().map(String::trim).toList();
                width = cells.length;
                picked = pick(names, width, columns);
                continue;
            }
            if (width >= 0 && cells.length != width) {
                throw new IllegalArgumentException(source + ": line " + lineNumber + " has " + cells.length
                        + " fields, expected " + width);
            }
            if (picked == null) {
                width = cells.length;
                picked = pick(names, width, columns);
            }
            for (int j : picked) {
                float v;
                try {
                    v = (float) Double.parseDouble(cells[j].trim());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(source + ": line " + lineNumber + ", field " + (j + 1)
                            + ": '" + shorten(cells[j].trim()) + "' is not a number");
                }
                if (inBlock == BLOCK) {
                    blocks.add(block);
                    block = Nd4j.createUninitialized(DataType.FLOAT, BLOCK);
                    into = block.data().asNioFloat();
                    inBlock = 0;
                }
                into.put(inBlock++, v);
            }
            rows++;
        }
        blocks.add(block);
        if (rows == 0) {
            blocks.forEach(INDArray::close);
            throw new IllegalArgumentException(source + " has no data rows");
        }
        if (rows * picked.length > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(source + " has " + rows + " rows of " + picked.length + " columns: more values than "
                    + "one array holds (" + (Integer.MAX_VALUE - 8) + ")");
        }
        INDArray m = Nd4j.createUninitialized(DataType.FLOAT, rows, picked.length);
        FloatBuffer target = m.data().asNioFloat();
        for (int i = 0; i < blocks.size(); i++) {
            FloatBuffer from = blocks.get(i).data().asNioFloat();
            from.limit(i == blocks.size() - 1 ? inBlock : BLOCK);
            target.put(from);
            blocks.get(i).close();
        }
        List<String> chosen = new ArrayList<>();
        if (!names.isEmpty()) {
            for (int j : picked) {
                chosen.add(names.get(j).isEmpty() ? "x" + (j + 1) : names.get(j));
            }
        }
        return new Table(names, m, chosen);
    }

    private static int[] pick(List<String> names, int width, List<String> columns) {
        if (columns.isEmpty()) {
            return java.util.stream.IntStream.range(0, width).toArray();
        }
        int[] out = new int[columns.size()];
        for (int k = 0; k < out.length; k++) {
            String c = columns.get(k);
            int index = names.indexOf(c);
            if (index < 0) {
                try {
                    index = Integer.parseInt(c);
                } catch (NumberFormatException e) {
                    index = -1;
                }
            }
            if (index < 0 || index >= width) {
                throw new NoSuchColumn("no column '" + c + "'; columns are 0.." + (width - 1) + (names.isEmpty() ? "" : " or " + names));
            }
            out[k] = index;
        }
        return out;
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

    private static String shorten(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
    }
}
