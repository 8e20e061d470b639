package org.ebm4j.plugins.mcmc;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Parallel tempering (replica exchange; Swendsen and Wang 1986, Geyer 1991): every chain has R replicas at temperatures
 * {@code T_r} geometric from 1 to {@code max-temperature}, each targeting {@code exp(−E/T_r)}. Each iteration moves every
 * replica by one MALA step (step {@code ε T_r}: hot replicas take wider steps across their wider distribution), then
 * proposes to swap neighbouring replicas, alternately the even and the odd pairs, accepted with
 * {@code min(1, exp((E_a − E_b)(1/T_a − 1/T_b)))}. Hot replicas cross between modes; swaps carry what they find down
 * to T = 1, so the cold replica, which is returned, sees every mode with its right weight, where fixed-step Langevin
 * keeps the split of its start. All replicas of all chains move in one array; the step adapts toward the target
 * acceptance during warm-up, then stays fixed.
 */
public final class ParallelTempering implements Sampler {

    private final int steps;
    private final int replicas;
    private final double maxTemperature;
    private final double stepSize;
    private final int warmup;
    private final double targetAcceptance;

    public ParallelTempering(int steps, int replicas, double maxTemperature, double stepSize, int warmup, double targetAcceptance) {
        this.steps = steps;
        this.replicas = replicas;
        this.maxTemperature = maxTemperature;
        this.stepSize = stepSize;
        this.warmup = warmup;
        this.targetAcceptance = targetAcceptance;
    }

    /** The temperatures, geometric from 1 to the maximum. */
    double[] temperatures() {
        double[] t = new double[replicas];
        for (int r = 0; r < replicas; r++) {
            t[r] = replicas == 1 ? 1 : Math.pow(maxTemperature, r / (double) (replicas - 1));
        }
        return t;
    }

    @Override
    public SampleResult sample(EnergyModel model, Tensor init, SamplerContext context) {
        int n = (int) init.rows();
        int total = n * replicas;
        double[] temps = temperatures();
        int warm = context.warmup(warmup);
        StepSizeAdaptation adaptation = new StepSizeAdaptation(context.stepSize(stepSize), targetAcceptance);
        double[] swapAccepted = new double[Math.max(0, replicas - 1)];
        int[] swapTries = new int[Math.max(0, replicas - 1)];
        double coldAccepted = 0;
        try (GradMode.Scope off = GradMode.off(); TensorScope outer = TensorScope.open()) {
            // one buffer each for the replicas' states, energies and gradients (replica-major blocks of n rows)
            INDArray x = Nd4j.concat(0, java.util.Collections.nCopies(replicas, init.array()).toArray(INDArray[]::new)).dup();
            INDArray t = Nd4j.zeros(x.dataType(), total, 1);
            for (int r = 0; r < replicas; r++) {
                t.get(NDArrayIndex.interval((long) r * n, (long) (r + 1) * n), NDArrayIndex.all()).assign(temps[r]);
            }
            Tensor temperature = Tensor.constant(t);
            INDArray energy;
            INDArray gradient;
            try (TensorScope scope = TensorScope.open()) {
                EnergyAndGradient start = EnergyAndGradient.of(model, Tensor.constant(x));
                energy = start.energy().array().dup();
                gradient = start.gradient().array().dup();
            }
            for (int k = 0; k < warm + steps; k++) {
                try (TensorScope scope = TensorScope.open()) {
                    double eps = adaptation.step();
                    Tensor current = Tensor.constant(x);
                    Tensor epsRows = temperature.mul(eps);                          // ε T_r, [R n, 1]
                    Tensor z = context.random().normal(current.dataType(), current.shape());
                    // the gradient of E/T is ∇E/T, so the drift (εT/2)∇E/T is (ε/2)∇E at every temperature
                    Tensor proposal = current.sub(Tensor.constant(gradient).mul(0.5 * eps)).add(z.mul(epsRows.sqrt()));
                    EnergyAndGradient next = EnergyAndGradient.of(model, proposal);
                    Tensor tRow = temperature.reshape(total);
                    Tensor backward = current.sub(proposal).add(next.gradient().mul(0.5 * eps)).square().sum(1)
                            .div(epsRows.reshape(total).mul(-2));
                    Tensor forward = z.square().sum(1).mul(-0.5);
                    Tensor logRatio = Tensor.constant(energy).sub(next.energy()).div(tRow).add(backward).sub(forward);
                    Tensor accepted = Metropolis.accept(logRatio, context.random());
                    x.assign(Metropolis.select(accepted, proposal, current).array());
                    energy.assign(Tensor.where(accepted, next.energy(), Tensor.constant(energy)).array());
                    gradient.assign(Metropolis.select(accepted, next.gradient(), Tensor.constant(gradient)).array());
                    double rate = accepted.mean().item();
                    if (k < warm) {
                        adaptation.update(rate);
                    } else {
                        coldAccepted += accepted.array().get(NDArrayIndex.interval(0, n)).meanNumber().doubleValue();
                    }
                    swap(x, energy, gradient, n, temps, k % 2, context, swapAccepted, swapTries);
                }
            }
            INDArray cold = x.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup();
            Map<String, Double> d = new LinkedHashMap<>();
            if (steps > 0) {
                d.put("acceptance-rate", coldAccepted / steps);
            }
            for (int r = 0; r + 1 < replicas; r++) {
                d.put(String.format(java.util.Locale.ROOT, "swap-acceptance/%d-%d", r + 1, r + 2),
                        swapTries[r] == 0 ? Double.NaN : swapAccepted[r] / swapTries[r]);
            }
            d.put("mean-energy", energy.get(NDArrayIndex.interval(0, n)).meanNumber().doubleValue());
            d.put("steps", (double) (warm + steps));
            d.put("replica-steps", (double) (warm + steps) * replicas);
            d.put("replicas", (double) replicas);
            d.put("max-temperature", temps[replicas - 1]);
            d.put("step-size", adaptation.step());
            return new SampleResult(Tensor.constant(cold), d);
        }
    }

    /**
     * Proposes to swap replicas r and r+1 of every chain, for the pairs of one parity: accepted with probability
     * {@code min(1, exp((E_r − E_{r+1})(1/T_r − 1/T_{r+1})))}; states, energies and gradients move together.
     */
    private static void swap(INDArray x, INDArray energy, INDArray gradient, int n, double[] temps, int parity,
                             SamplerContext context, double[] accepted, int[] tries) {
        for (int r = parity; r + 1 < temps.length; r += 2) {
            var a = NDArrayIndex.interval((long) r * n, (long) (r + 1) * n);
            var b = NDArrayIndex.interval((long) (r + 1) * n, (long) (r + 2) * n);
            INDArray ea = energy.get(a);
            INDArray eb = energy.get(b);
            INDArray logRatio = ea.sub(eb).muli(1 / temps[r] - 1 / temps[r + 1]);
            INDArray logU = context.random().uniform(0, 1, logRatio.dataType(), n).array().dup();
            org.nd4j.linalg.ops.transforms.Transforms.log(logU, false);
            INDArray mask = logU.lt(logRatio).castTo(x.dataType());          // [n], 1 = swap
            accepted[r] += mask.meanNumber().doubleValue();
            tries[r]++;
            exchange(x.get(a, NDArrayIndex.all()), x.get(b, NDArrayIndex.all()), mask.reshape(n, 1));
            exchange(gradient.get(a, NDArrayIndex.all()), gradient.get(b, NDArrayIndex.all()), mask.reshape(n, 1));
            exchange(ea, eb, mask);
        }
    }

    /** Swaps the rows of {@code a} and {@code b} (views) where {@code mask} is 1, in place. */
    private static void exchange(INDArray a, INDArray b, INDArray mask) {
        INDArray keep = mask.rsub(1.0);
        INDArray oldA = a.dup();
        if (a.rank() == 2) {
            a.muliColumnVector(keep).addi(b.mulColumnVector(mask));
            b.muliColumnVector(keep).addi(oldA.mulColumnVector(mask));
        } else {
            a.muli(keep).addi(b.mul(mask));
            b.muli(keep).addi(oldA.mul(mask));
        }
    }
}
