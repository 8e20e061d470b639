package org.ebm4j.plugins.nce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Noise contrastive estimation (docs/math.md; Gutmann &amp; Hyvärinen 2010): the model's log-density is {@code −E(x) − c}
 * with {@code c} learnt, {@code G(u) = −E(u) − c − log p_n(u) − log ν}, and the loss
 * {@code mean softplus(−G(x)) + ν mean softplus(G(y))} over the batch and {@code ν} noise draws per row: the logistic
 * loss of telling data from noise, written with softplus only. At its optimum {@code p_m = p_data} and {@code c = log Z}.
 *
 * <p>As flow contrastive estimation (Gao et al. 2020) the noise's own parameters <em>ascend</em> the same loss: the
 * {@link Loss} lists them as maximisers, draws are reparameterised, and the trainer needs no special case.
 */
public final class NoiseContrastiveEstimation implements Objective {

    private static final int CHUNK = 4096;

    private final NoiseDistribution noise;
    private final int ratio;
    private final boolean adversarial;
    private final int noiseEvalEvery;
    private final Parameters c;
    private final Map<String, Double> noiseMetrics = new LinkedHashMap<>();
    private INDArray test;
    private boolean restored;

    /**
     * @param adversarial    FCE: the noise's parameters maximise the loss
     * @param noiseEvalEvery FCE: steps between measurements of the noise's test NLL (0: only at the start)
     */
    NoiseContrastiveEstimation(NoiseDistribution noise, int ratio, double cInit, boolean adversarial, int noiseEvalEvery, RandomSource random) {
        this.noise = noise;
        this.ratio = ratio;
        this.adversarial = adversarial;
        this.noiseEvalEvery = noiseEvalEvery;
        this.c = Parameters.builder(Tensor.DEFAULT_TYPE).add("c", cInit, 1, 1).build(random);
    }

    @Override
    public void prepare(Dataset data, RandomSource random) {
        test = data.test();
        if (!restored) {
            noise.fit(data, random);
        }
        noiseMetrics.putAll(noise.metrics());
        noiseMetrics.put("test-nll", noiseTestNll());
    }

    @Override
    public Losses losses(EnergyModel model, Batch batch, StepContext context) {
        Tensor x = batch.x();
        int n = batch.size();
        double logRatio = Math.log(ratio);
        NoiseDistribution.Draws draws;
        Tensor logNoiseAtData;
        if (adversarial) {
            draws = noise.sampleWithLogProb(ratio * n, context.random());
            logNoiseAtData = noise.logProb(x);
        } else {
            try (GradMode.Scope off = GradMode.off()) { // fixed noise: nothing to differentiate
                draws = noise.sampleWithLogProb(ratio * n, context.random());
                logNoiseAtData = noise.logProb(x);
            }
        }
        // the noise computes in its own data type; the loss in the data's
        Tensor y = (adversarial ? draws.x() : draws.x().detach()).castTo(x.dataType());
        Tensor logNoiseAtNoise = draws.logProb().castTo(x.dataType());
        logNoiseAtData = logNoiseAtData.castTo(x.dataType());
        Tensor logC = c.get("c").reshape(1).castTo(x.dataType());
        // one pass of the network over data and noise together: half the operations of two passes
        Tensor energies = model.energy(Tensor.concat(0, x, y));
        long all = energies.length();
        Tensor gData = energies.narrow(0, 0, n).neg().sub(logC).sub(logNoiseAtData).sub(logRatio);
        Tensor gNoise = energies.narrow(0, n, all).neg().sub(logC).sub(logNoiseAtNoise).sub(logRatio);
        Tensor loss = gData.neg().softplus().mean().add(gNoise.softplus().mean().mul(ratio));

        if (adversarial && noiseEvalEvery > 0 && context.step() > 0 && context.step() % noiseEvalEvery == 0) {
            noiseMetrics.put("test-nll", noiseTestNll());
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy/data", gData.gt(0).mean().item());
        metrics.put("accuracy/noise", gNoise.lt(0).mean().item());
        metrics.put("c", c.get("c").item());
        noiseMetrics.forEach((k, v) -> metrics.put("noise/" + k, v));
        List<Parameters> minimisers = List.of(model.parameters(), c);
        List<Parameters> maximisers = adversarial ? List.of(noise.parameters()) : List.of();
        return new Losses(List.of(new Loss(adversarial ? "fce" : "nce", loss, minimisers, maximisers)), metrics);
    }

    /** Mean {@code −log p_n} over the test rows, without a graph. */
    private double noiseTestNll() {
        double sum = 0;
        int rows = test.rows();
        for (int start = 0; start < rows; start += CHUNK) {
            int end = Math.min(rows, start + CHUNK);
            try (GradMode.Scope off = GradMode.off(); TensorScope scope = TensorScope.open()) {
                sum -= noise.logProb(Tensor.constant(test.get(NDArrayIndex.interval(start, end), NDArrayIndex.all()))).sum().item();
            }
        }
        return sum / rows;
    }

    @Override
    public Parameters parameters() {
        return c;
    }

    @Override
    public Map<String, Parameters> parameterGroups() {
        Map<String, Parameters> groups = new LinkedHashMap<>();
        groups.put("objective", c);
        if (adversarial) {
            groups.put("flow", noise.parameters());
        }
        return groups;
    }

    @Override
    public Optional<NoiseDistribution> noise() {
        return Optional.of(noise);
    }

    @Override
    public Map<String, INDArray> state() {
        Map<String, INDArray> s = new LinkedHashMap<>();
        noise.state().forEach((k, v) -> s.put("noise/" + k, v));
        return s;
    }

    /** Puts back the fitted noise; a later {@link #prepare} then does not fit it again. */
    @Override
    public void restore(Map<String, INDArray> state) {
        Map<String, INDArray> own = new LinkedHashMap<>();
        state.forEach((k, v) -> {
            if (k.startsWith("noise/")) {
                own.put(k.substring("noise/".length()), v);
            }
        });
        if (!own.isEmpty()) { // a checkpoint without the noise's state (a noise that keeps none) lets prepare() fit it
            noise.restore(own);
            restored = true;
        }
    }
}
