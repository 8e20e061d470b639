package org.ebm4j.plugins.mcmc;

import java.util.LinkedHashMap;
import java.util.Map;

/** What a sampler reports: acceptance rate after warm-up, mean gradient norm per step, final step size. */
final class ChainStatistics {

    private double acceptedSum;
    private long acceptedSteps;
    private double gradNormSum;
    private long gradSteps;

    void accepted(double rate) {
        acceptedSum += rate;
        acceptedSteps++;
    }

    /**
     * Every how many steps a long run measures the score's norm: up to ten evenly spaced steps (and the last), so
     * the diagnostic does not cost five operations and a synchronisation per step.
     */
    static int sampleEvery(int steps) {
        return Math.max(1, steps / 10);
    }

    void gradientNorm(double norm) {
        gradNormSum += norm;
        gradSteps++;
    }

    Map<String, Double> diagnostics(double meanEnergy, int steps, double stepSize) {
        Map<String, Double> d = new LinkedHashMap<>();
        if (acceptedSteps > 0) {
            d.put("acceptance-rate", acceptedSum / acceptedSteps);
        }
        d.put("mean-energy", meanEnergy);
        if (gradSteps > 0) {
            d.put("grad-norm", gradNormSum / gradSteps);
        }
        d.put("steps", (double) steps);
        d.put("step-size", stepSize);
        return d;
    }
}
