package org.ebm4j.api.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads NumPy {@code .npy} files in Java, validating everything before any native code sees a byte: the magic string,
 * the format version, a bounded header, the dtype ({@code f4 f8 i4 i8}, little- or big-endian), {@code fortran_order}
 * (honoured: what {@code np.save(f, X.T)} writes) and the shape against the file's length. ND4J's own reader trusts the
 * header and dies in native code on a malformed one, so nothing in ebm4j calls it on a user's file.
 *
 * <p>Float32 data comes back as a FLOAT array, everything else (float64, integers) as DOUBLE.
 */
public final class NpyFile {

    /** Larger headers are refused (NumPy's own reader refuses more than 10,000 bytes by default). */
    public static final int MAX_HEADER_BYTES = 65_536;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*('([^']*)'|\\[)");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)\\b");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFile() {}

    /** A file that is not a readable {@code .npy} of a supported kind; the message names the file and what was found. */
    public static final class FormatException extends IllegalArgumentException {
        public FormatException(String message) {
            super(message);
        }
    }

    /** What a header declares. */
    public record Header(String dtype, boolean fortranOrder, long[] shape, long dataOffset) {
        public long elements() {
            long n = 1;
            for (long s : shape) {
                n = Math.multiplyExact(n, s);
            }
            return n;
        }

        int itemSize() {
            return dtype.charAt(2) - '0';
        }
    }

    /** The array in {@code file}, in C order. */
    public static INDArray read(Path file) {
        if (Files.isDirectory(file)) {
            throw new FormatException(file + " is a directory, not a .npy file");
        }
        if (!Files.isRegularFile(file)) {
            throw new FormatException("no such file " + file.toAbsolutePath());
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            Header h = header(file, ch);
            long bytes = Math.multiplyExact(h.elements(), (long) h.itemSize());
            long available = ch.size() - h.dataOffset();
            if (available < bytes) {
                throw new FormatException(file + " is truncated: its header declares shape " + Arrays.toString(h.shape())
                        + " of " + h.dtype() + " (" + bytes + " bytes of data) but the file holds " + available
                        + " bytes after the header");
            }
            if (available > bytes) {
                throw new FormatException(file + " has " + (available - bytes) + " bytes after the " + bytes
                        + " its header declares (shape " + Arrays.toString(h.shape()) + " of " + h.dtype() + "): not one .npy array");
            }
            if (h.elements() == 0) {
                throw new FormatException(file + " holds no values (shape " + Arrays.toString(h.shape()) + ")");
            }
            if (h.elements() > Integer.MAX_VALUE - 8) {
                throw new FormatException(file + " holds " + h.elements() + " values; at most " + (Integer.MAX_VALUE - 8)
                        + " are supported in one array");
            }
            ByteBuffer data = ByteBuffer.allocate((int) bytes).order(h.dtype().charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
            ch.position(h.dataOffset());
            while (data.hasRemaining() && ch.read(data) >= 0) {
                // read it all
            }
            data.flip();
            return toArray(h, data);
        } catch (IOException e) {
            throw new FormatException("cannot read " + file + ": " + describe(e));
        } catch (ArithmeticException e) {
            throw new FormatException(file + " declares a shape too large to exist");
        }
    }

    /** Parses and validates the header of {@code file} (the channel at its start). */
    public static Header header(Path file, FileChannel ch) throws IOException {
        ByteBuffer pre = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        ch.position(0);
        while (pre.hasRemaining() && ch.read(pre) >= 0) {
            // fill
        }
        pre.flip();
        if (pre.remaining() < 10 || !Arrays.equals(Arrays.copyOf(pre.array(), 6), MAGIC)) {
            throw new FormatException(file + " is not a .npy file (it does not start with \\x93NUMPY)");
        }
        int major = pre.get(6) & 0xff;
        long headerLength;
        long offset;
        if (major == 1) {
            headerLength = pre.getShort(8) & 0xffff;
            offset = 10;
        } else if (major == 2 || major == 3) {
            if (pre.remaining() < 12) {
                throw new FormatException(file + " is truncated inside its .npy preamble");
            }
            headerLength = pre.getInt(8) & 0xffffffffL;
            offset = 12;
        } else {
            throw new FormatException(file + " has .npy format version " + major + "; versions 1 to 3 are supported");
        }
        if (headerLength > MAX_HEADER_BYTES) {
            throw new FormatException(file + " declares a .npy header of " + headerLength + " bytes; at most "
                    + MAX_HEADER_BYTES + " are accepted");
        }
        if (offset + headerLength > ch.size()) {
            throw new FormatException(file + " is truncated inside its .npy header (" + headerLength + " bytes declared, "
                    + Math.max(0, ch.size() - offset) + " present)");
        }
        ByteBuffer hb = ByteBuffer.allocate((int) headerLength);
        ch.position(offset);
        while (hb.hasRemaining() && ch.read(hb) >= 0) {
            // fill
        }
        String text = new String(hb.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1).strip();
        if (!text.startsWith("{") || !text.endsWith("}")) {
            throw new FormatException(file + " has a malformed .npy header (not a dictionary): " + shorten(text));
        }
        Matcher descr = DESCR.matcher(text);
        Matcher fortran = FORTRAN.matcher(text);
        Matcher shape = SHAPE.matcher(text);
        if (!descr.find() || !fortran.find() || !shape.find()) {
            throw new FormatException(file + " has a malformed .npy header (it needs 'descr', 'fortran_order' and 'shape'): "
                    + shorten(text));
        }
        if (descr.group(2) == null) {
            throw new FormatException(file + " holds a structured array (a record dtype); save a plain numeric matrix, "
                    + "e.g. np.save(f, X.astype(np.float32))");
        }
        String dtype = dtype(file, descr.group(2));
        return new Header(dtype, fortran.group(1).equals("True"), shape(file, shape.group(1)), offset + headerLength);
    }

    private static String dtype(Path file, String descr) {
        String d = descr.length() == 3 && descr.charAt(0) == '=' ? (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? "<" : ">") + descr.substring(1) : descr;
        if (d.matches("[<>][fi][48]")) {
            return d;
        }
        String kind = d.isEmpty() ? "?" : switch (d.replaceAll("^[<>|=]", "").isEmpty() ? '?' : d.replaceAll("^[<>|=]", "").charAt(0)) {
            case 'c' -> "complex numbers";
            case 'U', 'S', 'a' -> "strings";
            case 'O' -> "Python objects";
            case 'b' -> "booleans";
            case 'M', 'm' -> "dates or times";
            case 'V' -> "raw records";
            case 'f' -> "floats of this size";
            case 'i', 'u' -> "integers of this size";
            default -> "an unknown type";
        };
        throw new FormatException(file + " holds dtype '" + descr + "' (" + kind + "); supported are float32, float64, int32 "
                + "and int64 in either byte order: convert with X.astype(np.float32)");
    }

    private static long[] shape(Path file, String tuple) {
        String[] parts = tuple.split(",");
        long[] shape = new long[parts.length];
        int n = 0;
        for (String p : parts) {
            String t = p.strip().replaceFirst("L$", "");
            if (t.isEmpty()) {
                continue;
            }
            try {
                shape[n] = Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new FormatException(file + " has a malformed shape (" + shorten(tuple) + ") in its .npy header");
            }
            if (shape[n] < 0) {
                throw new FormatException(file + " declares a negative dimension in its shape (" + tuple + ")");
            }
            n++;
        }
        return Arrays.copyOf(shape, n);
    }

    private static INDArray toArray(Header h, ByteBuffer data) {
        int n = (int) h.elements();
        long[] shape = h.shape().length == 0 ? new long[] {1, 1} : h.shape();
        char order = h.fortranOrder() ? 'f' : 'c';
        INDArray a;
        if (h.dtype().endsWith("f4")) {
            float[] v = new float[n];
            data.asFloatBuffer().get(v);
            a = Nd4j.create(v, shape, order);
        } else {
            double[] v = new double[n];
            switch (h.dtype().substring(1)) {
                case "f8" -> data.asDoubleBuffer().get(v);
                case "i4" -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = data.getInt();
                    }
                }
                default -> {
                    for (int i = 0; i < n; i++) {
                        v[i] = data.getLong();
                    }
                }
            }
            a = Nd4j.create(v, shape, order);
        }
        if (h.shape().length == 0) {
            return a;
        }
        return order == 'f' ? a.dup('c') : a;
    }

    private static String describe(IOException e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName().replace("Exception", "") + " " + e.getMessage();
    }

    private static String shorten(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 120 ? clean.substring(0, 120) + "…" : clean;
    }
}
