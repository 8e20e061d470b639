package com.example.snce;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.data.Batch;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.StepContext;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Self-normalised noise contrastive estimation: NCE with the normaliser fixed, {@code log p_m(x) = −E(x)}, so the
 * energy itself must learn to be normalised (Mnih &amp; Teh 2012 fix c = 0 the same way). The noise is a diagonal
 * Gaussian fitted to the data and widened by {@code noise-scale}; the loss is the softplus form of the logistic loss,
 * {@code mean softplus(−G(x)) + ν mean softplus(G(y))} with {@code G(u) = −E(u) − log p_n(u) − log ν}.
 */
final class SelfNormalisedNce implements Objective {

    private final int ratio;
    private final double scale;
    private Tensor mean;   // [1, d]
    private Tensor std;    // [1, d]
    private double logNormaliser;

    SelfNormalisedNce(int ratio, double scale) {
        this.ratio = ratio;
        this.scale = scale;
    }

    @Override
    public void prepare(Dataset data, RandomSource random) {
        INDArray x = data.train().castTo(DataType.DOUBLE);
        INDArray sd = x.std(true, 0).muli(scale).addi(1e-6);
        mean = Tensor.constant(x.mean(true, 0));
        std = Tensor.constant(sd);
        double sumLog = 0;
        for (int j = 0; j < sd.columns(); j++) {
            sumLog += Math.log(sd.getDouble(0, j));
        }
        logNormaliser = -sumLog - 0.5 * sd.columns() * Math.log(2 * Math.PI);
    }

    private Tensor logNoise(Tensor u) {
        Tensor z = u.sub(mean.castTo(u.dataType())).div(std.castTo(u.dataType()));
        return z.square().sum(1).mul(-0.5).add(logNormaliser);
    }

    @Override
    public Losses losses(EnergyModel model, Batch batch, StepContext context) {
        if (mean == null) {
            throw new IllegalStateException("prepare() fits the noise before the first step");
        }
        Tensor x = batch.x();
        Tensor y;
        try (GradMode.Scope off = GradMode.off()) {
            y = context.random().normal(x.dataType(), (long) ratio * batch.size(), x.columns())
                    .mul(std.castTo(x.dataType())).add(mean.castTo(x.dataType()));
        }
        double logRatio = Math.log(ratio);
        Tensor gData = model.energy(x).neg().sub(logNoise(x)).sub(logRatio);
        Tensor gNoise = model.energy(y).neg().sub(logNoise(y)).sub(logRatio);
        Tensor loss = gData.neg().softplus().mean().add(gNoise.softplus().mean().mul(ratio));
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("accuracy/data", gData.gt(0).mean().item());
        metrics.put("accuracy/noise", gNoise.lt(0).mean().item());
        return new Losses(List.of(Loss.minimise("snce", loss, model.parameters())), metrics);
    }
}
