package org.ebm4j.api.param;

import org.nd4j.weightinit.WeightInitScheme;
import org.nd4j.weightinit.impl.ConstantInitScheme;
import org.nd4j.weightinit.impl.LecunUniformInitScheme;
import org.nd4j.weightinit.impl.OneInitScheme;
import org.nd4j.weightinit.impl.ReluInitScheme;
import org.nd4j.weightinit.impl.ReluUniformInitScheme;
import org.nd4j.weightinit.impl.UniformInitScheme;
import org.nd4j.weightinit.impl.XavierInitScheme;
import org.nd4j.weightinit.impl.XavierUniformInitScheme;
import org.nd4j.weightinit.impl.ZeroInitScheme;

/**
 * How a parameter starts: ND4J's weight-initialisation schemes by name. For a weight matrix {@code [in, out]}
 * the fan-in is {@code in} and the fan-out {@code out}; for a vector both are its length.
 */
public enum Init {
    /** All zeros (biases). */
    ZEROS,
    /** All ones (scales). */
    ONES,
    /** Glorot normal: {@code N(0, 2 / (fanIn + fanOut))}. */
    XAVIER,
    /** Glorot uniform: {@code U(±√(6 / (fanIn + fanOut)))}. */
    XAVIER_UNIFORM,
    /** He normal: {@code N(0, 2 / fanIn)}, for ReLU-like activations. */
    HE,
    /** He uniform: {@code U(±√(6 / fanIn))}. */
    HE_UNIFORM,
    /** LeCun uniform: {@code U(±√(3 / fanIn))}. */
    LECUN_UNIFORM,
    /** {@code U(±1/√fanIn)}: PyTorch's default for linear layers. */
    UNIFORM_FAN_IN;

    /** The ND4J scheme for a parameter with these fans. */
    WeightInitScheme scheme(long fanIn, long fanOut) {
        return switch (this) {
            case ZEROS -> new ZeroInitScheme('c');
            case ONES -> new OneInitScheme('c');
            case XAVIER -> new XavierInitScheme('c', fanIn, fanOut);
            case XAVIER_UNIFORM -> new XavierUniformInitScheme('c', fanIn, fanOut);
            case HE -> new ReluInitScheme('c', fanIn);
            case HE_UNIFORM -> new ReluUniformInitScheme('c', fanIn);
            case LECUN_UNIFORM -> new LecunUniformInitScheme('c', fanIn);
            case UNIFORM_FAN_IN -> new UniformInitScheme('c', fanIn);
        };
    }

    /** A scheme that fills with {@code value}. */
    static WeightInitScheme constant(double value) {
        return new ConstantInitScheme('c', value);
    }

    /** The enum constant for a user-facing name such as {@code "xavier"} or {@code "he-uniform"}. */
    public static Init byName(String name) {
        String key = name.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (Init init : values()) {
            if (init.name().equals(key)) {
                return init;
            }
        }
        throw new IllegalArgumentException("Unknown initialiser '" + name + "'; known: " + names());
    }

    /** The user-facing names, e.g. {@code xavier-uniform}. */
    public static java.util.List<String> names() {
        return java.util.Arrays.stream(values()).map(i -> i.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toList();
    }
}
