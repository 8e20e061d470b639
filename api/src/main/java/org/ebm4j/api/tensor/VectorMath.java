package org.ebm4j.api.tensor;

import java.util.Locale;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sigmoid and exp of float32 arrays in JIT-vectorised Java, where the JVM can: ND4J computes them one element at a
 * time (sigmoid of 256 × 128 floats: 75-80 µs), Java's Vector API in a fraction of that including the copies in and
 * out, within a few ulps of the exact values and with the same bits however the JVM runs the code.
 *
 * <p>The Vector API is an incubating module in Java 17: it is used only when the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (as {@code bin/ebm} and the test JVMs are), on x86-64 (elsewhere the JDK
 * may not vectorise these loops and they could be slower than ND4J), and unless the system property
 * {@value #SWITCH_PROPERTY} is {@code off}. Otherwise, and for other data types and non-contiguous arrays, callers
 * fall back to ND4J.
 */
final class VectorMath {

    enum Function { SIGMOID, EXP }

    static final String SWITCH_PROPERTY = "ebm4j.vector-math";

    private static final boolean AVAILABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && System.getProperty("os.arch", "").toLowerCase(Locale.ROOT).matches("amd64|x86_64")
            && !"off".equalsIgnoreCase(System.getProperty(SWITCH_PROPERTY, "on"));

    private VectorMath() {}

    /** Whether the vectorised path is in use in this JVM. */
    static boolean available() {
        return AVAILABLE;
    }

    /** Writes {@code f(x)} into {@code out} (same shape) and returns {@code true}, or returns {@code false} untouched. */
    static boolean apply(Function f, INDArray x, INDArray out) {
        if (!AVAILABLE || !dense(x) || !dense(out) || x.length() != out.length() || x.length() > Integer.MAX_VALUE) {
            return false;
        }
        VectorKernels.apply(f, x.data().asNioFloat(), out.data().asNioFloat(), (int) x.length());
        return true;
    }

    /** A float32 array whose elements are its buffer's, in order from the start. */
    private static boolean dense(INDArray a) {
        return a.dataType() == DataType.FLOAT && !a.isView() && a.ordering() == 'c' && a.offset() == 0
                && a.data().length() == a.length();
    }
}
