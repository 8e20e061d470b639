package org.ebm4j.plugins.dsm;

import java.util.Arrays;

/** σ_1 &gt; … &gt; σ_L, geometric between σ_max and σ_min (NCSN); one level is a single σ. */
record NoiseLevels(double[] sigmas) {

    static NoiseLevels single(double sigma) {
        return new NoiseLevels(new double[] {sigma});
    }

    static NoiseLevels geometric(double max, double min, int levels) {
        if (levels == 1) {
            return single(min);
        }
        double[] s = new double[levels];
        double ratio = Math.pow(min / max, 1.0 / (levels - 1));
        for (int i = 0; i < levels; i++) {
            s[i] = max * Math.pow(ratio, i);
        }
        s[levels - 1] = min; // exact, whatever the rounding of pow
        return new NoiseLevels(s);
    }

    int count() {
        return sigmas.length;
    }

    double min() {
        return sigmas[sigmas.length - 1];
    }

    @Override
    public String toString() {
        return Arrays.toString(sigmas);
    }
}
