package org.ebm4j.plugins.flow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.optim.Optimizer;
import org.ebm4j.api.optim.OptimizerSpec;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Autograd;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RealNvp} flow as a noise distribution: fitted to the data by maximum likelihood with early stopping on
 * held-out rows, then sampled (with its exact log-density) and, through its {@link #parameters()}, trainable further
 * (FCE). Its test NLL is measured after fitting: a flow is a density model on its own, in any dimension.
 */
final class FlowNoise implements NoiseDistribution {

    private static final Logger LOG = LoggerFactory.getLogger(FlowNoise.class);
    private static final int CHUNK = 4096;

    private final RealNvp flow;
    private final MaximumLikelihoodFit fit;
    private final Map<String, Double> metrics = new LinkedHashMap<>();

    FlowNoise(RealNvp flow, MaximumLikelihoodFit fit) {
        this.flow = flow;
        this.fit = fit;
    }

    @Override
    public Tensor sample(int n, RandomSource random) {
        return flow.inverse(random.normal(flow.parameters().dataType(), n, flow.dimension()))[0];
    }

    @Override
    public Draws sampleWithLogProb(int n, RandomSource random) {
        Tensor[] xAndLogProb = flow.inverse(random.normal(flow.parameters().dataType(), n, flow.dimension()));
        return new Draws(xAndLogProb[0], xAndLogProb[1]);
    }

    @Override
    public Tensor logProb(Tensor x) {
        return flow.logProb(x.castTo(flow.parameters().dataType()));
    }

    @Override
    public int dimension() {
        return flow.dimension();
    }

    @Override
    public Parameters parameters() {
        return flow.parameters();
    }

    /** The fitted flow is its parameters: a checkpoint of fixed flow noise (NCE) must hold them to sample it later. */
    @Override
    public Map<String, INDArray> state() {
        return Map.of("parameters", flow.parameters().snapshot());
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        INDArray values = state.get("parameters");
        if (values != null) {
            flow.parameters().assign(values);
        }
    }

    @Override
    public Map<String, Double> metrics() {
        return Map.copyOf(metrics);
    }

    /** Maximum likelihood with early stopping; then the test NLL of {@code data.test()}. */
    @Override
    public void fit(Dataset data, RandomSource random) {
        flow.standardiseTo(data.train());
        INDArray train = data.train();
        int rows = train.rows();
        int[] order = random.permutation(rows);
        int held = fit.steps() == 0 ? 0 : Math.max(1, (int) Math.round(rows * fit.validationFraction()));
        INDArray validation = held == 0 ? null : train.getRows(java.util.Arrays.copyOfRange(order, 0, held));
        int[] fitRows = java.util.Arrays.copyOfRange(order, held, rows);
        Parameters p = flow.parameters();
        Optimizer adam = new Optimizer(OptimizerSpec.adam(fit.learningRate()), List.of(p));
        double best = Double.POSITIVE_INFINITY;
        INDArray bestValues = p.snapshot();
        int bestStep = 0;
        int checksWithoutGain = 0;
        int step = 0;
        double lastLoss = Double.NaN;
        while (step < fit.steps()) {
            step++;
            try (TensorScope scope = TensorScope.open()) {
                int[] batch = new int[fit.batchSize()];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = fitRows[random.nextInt(fitRows.length)];
                }
                Tensor loss = flow.logProb(Tensor.constant(train.getRows(batch))).mean().neg();
                lastLoss = loss.item();
                if (!Double.isFinite(lastLoss)) {
                    throw new IllegalStateException("fitting the flow diverged at step " + step + " (NLL " + lastLoss
                            + "): lower flow-noise's fit.learning-rate or scale-bound");
                }
                adam.step(Autograd.grad(loss, p.tensors(), false));
            }
            if (step % fit.evalEvery() == 0 || step == fit.steps()) {
                double nll = meanNll(validation);
                if (nll < best) {
                    best = nll;
                    bestValues = p.snapshot();
                    bestStep = step;
                    checksWithoutGain = 0;
                } else if (fit.patience() > 0 && ++checksWithoutGain >= fit.patience()) {
                    break;
                }
            }
        }
        if (fit.steps() > 0) {
            p.assign(bestValues);
            metrics.put("fit-steps", (double) step);
            metrics.put("fit-best-step", (double) bestStep);
            metrics.put("fit-train-batch-nll", lastLoss);
            metrics.put("validation-nll", best);
        }
        metrics.put("test-nll", meanNll(data.test()));
        LOG.info("flow-noise: fitted for {} steps (best at {}), held-out NLL {}, test NLL {}", step, bestStep,
                String.format(java.util.Locale.ROOT, "%.4f", best), String.format(java.util.Locale.ROOT, "%.4f", metrics.get("test-nll")));
    }

    /** Mean NLL over the rows of {@code x}, in chunks, without a graph. */
    double meanNll(INDArray x) {
        double sum = 0;
        int rows = x.rows();
        for (int start = 0; start < rows; start += CHUNK) {
            int end = Math.min(rows, start + CHUNK);
            try (GradMode.Scope off = GradMode.off(); TensorScope scope = TensorScope.open()) {
                sum -= flow.logProb(Tensor.constant(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).castTo(flow.parameters().dataType()))).sum().item();
            }
        }
        return sum / rows;
    }
}
