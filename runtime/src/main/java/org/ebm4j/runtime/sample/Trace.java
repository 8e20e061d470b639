package org.ebm4j.runtime.sample;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Sampling in pieces to keep chain traces ({@code ebm sample --trace-every K}): the sampler, built for K steps, is
 * called again and again on the same chains; its step size, tuned in the first call's warm-up, is then frozen, so the
 * pieces make one Markov chain. After each call the states and energies of the first {@code traced} chains are kept,
 * and the rank-normalised split-R̂ and bulk ESS of every coordinate and of the energy are computed from them.
 *
 * @param samples     the final states of all chains
 * @param diagnostics the last call's diagnostics, with {@code steps} summed over the calls
 * @param energies    {@code [chain][snapshot]} energies of the traced chains
 * @param rhat        per coordinate
 * @param ess         bulk ESS per coordinate
 * @param states      {@code [chain][snapshot]} states of the first {@value #KEPT_STATES} traced chains (in the model's
 *                    coordinates), for pictures of chains over time
 */
record Trace(INDArray samples, Map<String, Double> diagnostics, double[][] energies, double[] rhat, double[] ess, double[][][] states) {

    /** Chains whose every snapshot is kept whole. */
    static final int KEPT_STATES = 8;

    static Trace run(Sampler sampler, EnergyModel model, Tensor start, RandomSource random, int calls, int traced) {
        INDArray state = start.array().dup();
        int chains = (int) Math.min(traced, state.rows());
        int d = state.columns();
        double[][][] coordinates = new double[d][chains][calls];
        double[][] energies = new double[chains][calls];
        double[][][] states = new double[Math.min(KEPT_STATES, chains)][calls][];
        SamplerContext context = new SamplerContext(random);
        Map<String, Double> last = Map.of();
        double steps = 0;
        for (int c = 0; c < calls; c++) {
            try (TensorScope scope = TensorScope.open()) {
                SampleResult r = sampler.sample(model, Tensor.constant(state), context);
                state.assign(r.samples().array());
                last = r.diagnostics();
                steps += last.getOrDefault("steps", 0.0);
                Double step = last.get("step-size");
                if (c == 0 && step != null && step > 0 && Double.isFinite(step)) {
                    context = context.frozenAt(step); // one chain: the later pieces use the tuned step, without warm-up
                }
                INDArray kept = state.get(NDArrayIndex.interval(0, chains), NDArrayIndex.all()).castTo(DataType.DOUBLE);
                double[][] rows = kept.toDoubleMatrix();
                double[] e;
                try (GradMode.Scope off = GradMode.off()) {
                    e = model.energy(Tensor.constant(state.get(NDArrayIndex.interval(0, chains), NDArrayIndex.all()).dup()))
                            .castTo(DataType.DOUBLE).toDoubleArray();
                }
                for (int i = 0; i < chains; i++) {
                    if (i < states.length) {
                        states[i][c] = rows[i];
                    }
                    energies[i][c] = e[i];
                    for (int j = 0; j < d; j++) {
                        coordinates[j][i][c] = rows[i][j];
                    }
                }
            }
        }
        double[] rhat = new double[d];
        double[] ess = new double[d];
        for (int j = 0; j < d; j++) {
            rhat[j] = ChainDiagnostics.rhat(coordinates[j]);
            ess[j] = ChainDiagnostics.bulkEss(coordinates[j]);
        }
        Map<String, Double> diagnostics = new LinkedHashMap<>(last);
        diagnostics.put("steps", steps);
        return new Trace(state, diagnostics, energies, rhat, ess, states);
    }

    /** What the trace says, for {@code diagnostics.json}: the worst and the median coordinate, and the energy's. */
    Map<String, Object> summary(int every) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("every", every);
        s.put("snapshots", energies.length == 0 ? 0 : energies[0].length);
        s.put("chains", energies.length);
        s.put("rhat/max", java.util.Arrays.stream(rhat).max().orElse(Double.NaN));
        s.put("rhat/median", median(rhat));
        s.put("ess-bulk/min", java.util.Arrays.stream(ess).min().orElse(Double.NaN));
        s.put("ess-bulk/median", median(ess));
        s.put("energy/rhat", ChainDiagnostics.rhat(energies));
        s.put("energy/ess-bulk", ChainDiagnostics.bulkEss(energies));
        s.put("mixed", java.util.Arrays.stream(rhat).allMatch(v -> v < 1.01));
        return s;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length == 0 ? Double.NaN : s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
