package org.ebm4j.plugins.cd;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Maximum likelihood by contrastive divergence (docs/math.md): {@code L = mean E(x⁺) − mean E(sg(x⁻)) + α (mean E(x⁺)² +
 * mean E(x⁻)²)} with negatives {@code x⁻} from any sampler. Chains start at the batch (CD-k), at a replay buffer of
 * earlier negatives with re-initialisation probability ρ (PCD), or fresh from the initial distribution each step
 * (short-run). Negatives are sampled without recording a graph, so no gradient reaches the sampler.
 */
public final class ContrastiveDivergence implements Objective {

    /** Where each step's chains start. */
    public enum Mode { CD, PCD, SHORT_RUN }

    private final Mode mode;
    private final Sampler sampler;
    private final double alpha;
    private final int bufferSize;
    private final double reinit;
    private final NoiseDistribution init;
    private boolean fitted;
    private INDArray buffer;

    ContrastiveDivergence(Mode mode, Sampler sampler, double alpha, int bufferSize, double reinit, NoiseDistribution init) {
        this.mode = mode;
        this.sampler = sampler;
        this.alpha = alpha;
        this.bufferSize = bufferSize;
        this.reinit = reinit;
        this.init = init;
    }

    @Override
    public void check(EnergyModel model, Dataset data, int batchSize) {
        if (mode == Mode.PCD && batchSize > bufferSize) {
            throw new ConfigException("buffer-size", "", "PCD draws a batch of " + batchSize + " chains from its buffer, which "
                    + "holds " + bufferSize + "; make buffer-size at least train.batch-size");
        }
        try {
            sampler.check(model);
        } catch (ConfigException e) {
            java.util.List<ConfigException.Problem> nested = e.problems().stream()
                    .map(p -> new ConfigException.Problem("sampler." + p.key(), p.origin(), p.message())).toList();
            throw new ConfigException(nested);
        }
    }

    @Override
    public void prepare(Dataset data, RandomSource random) {
        init.fit(data, random);
        fitted = true;
        if (mode == Mode.PCD && buffer == null) { // a resumed run's buffer is already restored
            buffer = fresh(bufferSize, data.train().dataType(), random).array().dup();
        }
    }

    @Override
    public Losses losses(EnergyModel model, Batch batch, StepContext context) {
        return losses(model, batch, context, true);
    }

    /**
     * On held-out rows PCD's chains start fresh from the initial distribution, as short-run's do, and nothing is
     * written to the buffer: the validation loss leaves the training state as it was.
     */
    @Override
    public Losses validationLosses(EnergyModel model, Batch batch, StepContext context) {
        return losses(model, batch, context, false);
    }

    private Losses losses(EnergyModel model, Batch batch, StepContext context, boolean training) {
        Tensor positive = batch.x();
        int n = batch.size();
        RandomSource random = context.random();
        int[] rows = null;
        Tensor start = switch (training ? mode : mode == Mode.PCD ? Mode.SHORT_RUN : mode) {
            case CD -> positive;
            case SHORT_RUN -> fresh(n, positive.dataType(), random);
            case PCD -> {
                // n buffer chains drawn with replacement (Du & Mordatch 2019): one gather, one scatter
                checkSize(n);
                rows = random.indices(n, bufferSize);
                Tensor chains = Tensor.adopt(Nd4j.pullRows(buffer, 1, rows));
                Tensor fresh = fresh(n, positive.dataType(), random);
                Tensor renew = random.uniform(0, 1, positive.dataType(), n, 1).lt(reinit)
                        .mul(Tensor.full(1.0, positive.dataType(), 1, positive.shape()[1]));
                yield Tensor.where(renew, fresh, chains);
            }
        };
        SampleResult result;
        try (GradMode.Scope off = GradMode.off()) {
            result = sampler.sample(model, start, new SamplerContext(random));
        }
        Tensor negative = result.samples().detach();
        if (rows != null) {
            // in place; a row drawn twice keeps the later chain's end
            Nd4j.exec(DynamicCustomOp.builder("scatter_upd")
                    .addInputs(buffer, Nd4j.createFromArray(rows), negative.array().castTo(buffer.dataType()))
                    .addOutputs(buffer).build());
        }
        Tensor ePos = model.energy(positive);
        Tensor eNeg = model.energy(negative);
        Tensor loss = ePos.mean().sub(eNeg.mean());
        if (alpha > 0) {
            loss = loss.add(ePos.square().mean().add(eNeg.square().mean()).mul(alpha));
        }
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("energy/positive", ePos.mean().item());
        metrics.put("energy/negative", eNeg.mean().item());
        result.diagnostics().forEach((k, v) -> metrics.put("negatives/" + k, v));
        return new Losses(java.util.List.of(Loss.minimise("cd", loss, model.parameters())), metrics);
    }

    private Tensor fresh(int n, org.nd4j.linalg.api.buffer.DataType type, RandomSource random) {
        if (!fitted) {
            throw new IllegalStateException("the initial distribution is not fitted: prepare() was not called");
        }
        try (GradMode.Scope off = GradMode.off()) {
            return Tensor.constant(init.sample(n, random).array().castTo(type));
        }
    }

    private void checkSize(int n) {
        if (n > bufferSize) {
            throw new IllegalStateException("cd buffer-size (" + bufferSize + ") must be at least the batch size (" + n + ")");
        }
    }

    @Override
    public Map<String, INDArray> state() {
        return buffer == null ? Map.of() : Map.of("replay-buffer", buffer);
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        INDArray saved = state.get("replay-buffer");
        if (saved != null) {
            buffer = saved.dup();
        }
    }
}
