package org.ebm4j.plugins.toydata;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * The IDX format of MNIST and Fashion-MNIST (LeCun et al.): two zero bytes, a type byte ({@code 0x08}: unsigned
 * bytes, the only type these sets use), the number of dimensions, each dimension as a big-endian int, then the values
 * in row-major order. Gzipped files (as distributed) are recognised by their magic bytes.
 *
 * @param shape  e.g. {@code [60000, 28, 28]} for images, {@code [60000]} for labels
 * @param values every value, 0..255
 */
record IdxFile(int[] shape, byte[] values) {

    /** A file that is not IDX, or not one of unsigned bytes. */
    static final class FormatException extends IllegalArgumentException {
        FormatException(String message) {
            super(message);
        }
    }

    /** How many items (the first dimension). */
    int items() {
        return shape[0];
    }

    /** Values per item: 1 for labels, height × width for images. */
    int itemSize() {
        int size = 1;
        for (int k = 1; k < shape.length; k++) {
            size *= shape[k];
        }
        return size;
    }

    /** The value {@code j} of item {@code i}, 0..255. */
    int value(int i, int j) {
        return values[i * itemSize() + j] & 0xff;
    }

    static IdxFile read(Path file) throws IOException {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file))) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16)) : raw;
            DataInputStream data = new DataInputStream(in);
            int magic;
            try {
                magic = data.readInt();
            } catch (EOFException e) {
                throw new FormatException(file + " is empty or shorter than an IDX header");
            }
            int type = (magic >>> 8) & 0xff;
            int dims = magic & 0xff;
            if ((magic >>> 16) != 0 || dims < 1 || dims > 4) {
                throw new FormatException(file + " is not an IDX file (its first bytes are 0x" + Integer.toHexString(magic)
                        + "; IDX files start with 0x000008 then the number of dimensions)");
            }
            if (type != 0x08) {
                throw new FormatException(file + " holds IDX values of type 0x" + Integer.toHexString(type)
                        + "; only unsigned bytes (0x08), as MNIST and Fashion-MNIST use, are read");
            }
            int[] shape = new int[dims];
            long total = 1;
            for (int k = 0; k < dims; k++) {
                shape[k] = data.readInt();
                if (shape[k] < 1) {
                    throw new FormatException(file + " declares dimension " + k + " of size " + shape[k]);
                }
                total *= shape[k];
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new FormatException(file + " declares " + Arrays.toString(shape) + ": more values than one array holds");
            }
            byte[] values = new byte[(int) total];
            try {
                data.readFully(values);
            } catch (EOFException e) {
                throw new FormatException(file + " is truncated: its header declares " + Arrays.toString(shape) + " = " + total + " values");
            }
            return new IdxFile(shape, values);
        }
    }
}
