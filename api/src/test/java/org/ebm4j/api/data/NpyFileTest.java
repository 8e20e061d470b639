package org.ebm4j.api.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every .npy file is read in Java and validated first: supported kinds load exactly, anything else is a clear error. */
class NpyFileTest {

    @TempDir
    Path dir;

    /** A .npy file as NumPy writes it: magic, version, header padded to 64 bytes, data. */
    static byte[] npy(int major, String header, byte[] data) {
        int pre = major == 1 ? 10 : 12;
        StringBuilder h = new StringBuilder(header);
        while ((pre + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] hb = h.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(pre + hb.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) hb.length);
        } else {
            b.putInt(hb.length);
        }
        return b.put(hb).put(data).array();
    }

    static String dict(String descr, boolean fortran, String shape) {
        return "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': " + shape + ", }";
    }

    /** {@code values} in the given byte order and type ('f4', 'f8', 'i4', 'i8'). */
    static byte[] values(ByteOrder order, String type, double... values) {
        int size = type.charAt(1) - '0';
        ByteBuffer b = ByteBuffer.allocate(values.length * size).order(order);
        for (double v : values) {
            switch (type) {
                case "f4" -> b.putFloat((float) v);
                case "f8" -> b.putDouble(v);
                case "i4" -> b.putInt((int) v);
                default -> b.putLong((long) v);
            }
        }
        return b.array();
    }

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    static Stream<Arguments> supported() {
        return Stream.of(Arguments.of("<f4", ByteOrder.LITTLE_ENDIAN), Arguments.of(">f4", ByteOrder.BIG_ENDIAN),
                Arguments.of("<f8", ByteOrder.LITTLE_ENDIAN), Arguments.of(">f8", ByteOrder.BIG_ENDIAN),
                Arguments.of("<i4", ByteOrder.LITTLE_ENDIAN), Arguments.of(">i4", ByteOrder.BIG_ENDIAN),
                Arguments.of("<i8", ByteOrder.LITTLE_ENDIAN), Arguments.of(">i8", ByteOrder.BIG_ENDIAN));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("supported")
    void everySupportedDtypeLoadsInEitherByteOrderAndEitherLayout(String descr, ByteOrder order) throws IOException {
        double[][] x = {{1, 2, 3}, {40, 50, 60}};
        String type = descr.substring(1);
        Path c = write("c.npy", npy(1, dict(descr, false, "(2, 3)"), values(order, type, 1, 2, 3, 40, 50, 60)));
        Path f = write("f.npy", npy(1, dict(descr, true, "(2, 3)"), values(order, type, 1, 40, 2, 50, 3, 60)));
        for (Path p : new Path[] {c, f}) {
            INDArray a = NpyFile.read(p);
            assertThat(a.shape()).containsExactly(2, 3);
            assertThat(a.dataType()).isEqualTo(type.equals("f4") ? DataType.FLOAT : DataType.DOUBLE);
            assertThat(a.castTo(DataType.DOUBLE).toDoubleMatrix()).isEqualTo(x);
        }
    }

    /** What {@code np.save(f, X.T)} writes: column means (0, 100) must come back as (0, 100), not mixed. */
    @Test
    void fortranOrderedColumnsKeepTheirMeans() throws IOException {
        int n = 1000;
        double[] columnMajor = new double[2 * n];
        for (int i = 0; i < n; i++) {
            columnMajor[i] = i % 2 == 0 ? -1 : 1;
            columnMajor[n + i] = 100 + (i % 2 == 0 ? -1 : 1);
        }
        Path f = write("t.npy", npy(1, dict("<f8", true, "(" + n + ", 2)"), values(ByteOrder.LITTLE_ENDIAN, "f8", columnMajor)));
        INDArray a = NpyFile.read(f);
        assertThat(a.mean(0).toDoubleVector()).containsExactly(0, 100);
    }

    @Test
    void filesNd4jWritesReadBackExactly() throws IOException {
        INDArray m = Nd4j.rand(DataType.FLOAT, 7, 5);
        Path f = dir.resolve("nd4j.npy");
        Nd4j.writeAsNumpy(m, f.toFile());
        assertThat(NpyFile.read(f)).isEqualTo(m);
    }

    @Test
    void versionsTwoAndThreeAndNativeOrderAreRead() throws IOException {
        byte[] data = values(ByteOrder.nativeOrder(), "f8", 1, 2);
        assertThat(NpyFile.read(write("v2.npy", npy(2, dict("<f8", false, "(1, 2)"), values(ByteOrder.LITTLE_ENDIAN, "f8", 1, 2))))
                .toDoubleMatrix()).isEqualTo(new double[][] {{1, 2}});
        assertThat(NpyFile.read(write("v3.npy", npy(3, dict("=f8", false, "(2,)"), data))).toDoubleVector()).containsExactly(1, 2);
    }

    static Stream<Arguments> malformed() {
        byte[] six = values(ByteOrder.LITTLE_ENDIAN, "f4", 1, 2, 3, 4, 5, 6);
        byte[] oversized = npy(2, dict("<f4", false, "(1, 1)"), new byte[4]);
        ByteBuffer.wrap(oversized).order(ByteOrder.LITTLE_ENDIAN).putInt(8, 1_000_000_000);
        byte[] beyond = npy(1, dict("<f4", false, "(1, 1)"), new byte[4]);
        ByteBuffer.wrap(beyond).order(ByteOrder.LITTLE_ENDIAN).putShort(8, (short) 60_000);
        return Stream.of(
                Arguments.of("complex", npy(1, dict("<c16", false, "(1, 1)"), new byte[16]), "complex numbers"),
                Arguments.of("unicode strings", npy(1, dict("<U5", false, "(1, 1)"), new byte[20]), "strings"),
                Arguments.of("byte strings", npy(1, dict("|S3", false, "(1, 1)"), new byte[3]), "strings"),
                Arguments.of("objects", npy(1, dict("|O", false, "(1, 1)"), new byte[8]), "Python objects"),
                Arguments.of("booleans", npy(1, dict("|b1", false, "(2, 3)"), new byte[6]), "booleans"),
                Arguments.of("float16", npy(1, dict("<f2", false, "(2, 3)"), new byte[12]), "floats of this size"),
                Arguments.of("uint8", npy(1, dict("|u1", false, "(2, 3)"), new byte[6]), "integers of this size"),
                Arguments.of("datetime", npy(1, dict("<M8[D]", false, "(1, 1)"), new byte[8]), "dates or times"),
                Arguments.of("structured", npy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (1,), }", new byte[4]),
                        "structured array"),
                Arguments.of("garbage header", npy(1, "%%%% not a dict", six), "not a dictionary"),
                Arguments.of("header without shape", npy(1, "{'descr': '<f4', 'fortran_order': False, }", six), "needs 'descr'"),
                Arguments.of("oversized header", oversized, "at most 65536"),
                Arguments.of("header past the end", beyond, "truncated inside its .npy header"),
                Arguments.of("truncated data", npy(1, dict("<f4", false, "(2, 3)"), new byte[10]), "is truncated"),
                Arguments.of("trailing bytes", npy(1, dict("<f4", false, "(1, 3)"), six), "bytes after the 12"),
                Arguments.of("bad magic", "PK\u0003\u0004 a zip".getBytes(StandardCharsets.ISO_8859_1), "not a .npy file"),
                Arguments.of("empty file", new byte[0], "not a .npy file"),
                Arguments.of("version 9", withVersion(npy(1, dict("<f4", false, "(1, 1)"), new byte[4]), 9), "format version 9"),
                Arguments.of("negative shape", npy(1, dict("<f4", false, "(-2, 3)"), six), "negative dimension"),
                Arguments.of("non-numeric shape", npy(1, dict("<f4", false, "(a, b)"), six), "malformed shape"),
                Arguments.of("no values", npy(1, dict("<f4", false, "(0, 3)"), new byte[0]), "holds no values"),
                Arguments.of("absurd shape", npy(1, dict("<f8", false, "(4611686018427387904, 4611686018427387904)"), six),
                        "too large to exist"),
                Arguments.of("huge shape", npy(1, dict("<f8", false, "(100000000000, 3)"), six), "is truncated"));
    }

    private static byte[] withVersion(byte[] b, int major) {
        b[6] = (byte) major;
        return b;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedFilesAreClearErrorsNamingTheFile(String what, byte[] bytes, String message) throws IOException {
        Path f = write("bad.npy", bytes);
        assertThatThrownBy(() -> NpyFile.read(f)).isInstanceOf(NpyFile.FormatException.class)
                .hasMessageContaining("bad.npy").hasMessageContaining(message);
    }

    @Test
    void aDirectoryOrAMissingFileIsAClearError() {
        assertThatThrownBy(() -> NpyFile.read(dir)).isInstanceOf(NpyFile.FormatException.class).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> NpyFile.read(dir.resolve("none.npy"))).isInstanceOf(NpyFile.FormatException.class)
                .hasMessageContaining("no such file").hasMessageContaining("none.npy");
    }
}
