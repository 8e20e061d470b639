package org.ebm4j.api.tensor;

import java.nio.FloatBuffer;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The loops of {@link VectorMath}; the only class that touches the incubating Vector API, loaded only when the JVM
 * has it. Works on heap copies: a copy of 128 KiB costs about 1.5 µs, far less than the scalar native loop saved.
 */
final class VectorKernels {

    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    private VectorKernels() {}

    static void apply(VectorMath.Function f, FloatBuffer in, FloatBuffer out, int n) {
        float[][] scratch = SCRATCH.get();
        if (scratch[0].length < n) {
            scratch[0] = new float[n];
            scratch[1] = new float[n];
        }
        float[] a = scratch[0];
        float[] b = scratch[1];
        in.get(0, a, 0, n);
        int bound = SPECIES.loopBound(n);
        int i = 0;
        switch (f) {
            case SIGMOID -> {
                FloatVector one = FloatVector.broadcast(SPECIES, 1f);
                for (; i < bound; i += SPECIES.length()) {
                    FloatVector e = FloatVector.fromArray(SPECIES, a, i).neg().lanewise(VectorOperators.EXP);
                    one.div(e.add(1f)).intoArray(b, i); // 1 / (1 + e^-x): 0 where e^-x overflows
                }
                for (; i < n; i++) {
                    b[i] = (float) (1.0 / (1.0 + Math.exp(-a[i])));
                }
            }
            case TANH -> {
                for (; i < bound; i += SPECIES.length()) {
                    FloatVector.fromArray(SPECIES, a, i).lanewise(VectorOperators.TANH).intoArray(b, i);
                }
                for (; i < n; i++) {
                    b[i] = (float) Math.tanh(a[i]);
                }
            }
            case EXP -> {
                for (; i < bound; i += SPECIES.length()) {
                    FloatVector.fromArray(SPECIES, a, i).lanewise(VectorOperators.EXP).intoArray(b, i);
                }
                for (; i < n; i++) {
                    b[i] = (float) Math.exp(a[i]);
                }
            }
        }
        out.put(0, b, 0, n);
    }
}
