package org.ebm4j.plugins.nll2d;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Exact test negative log-likelihood of a 2-D model, {@code mean E(x_test) + log Z}, with {@code log Z} from a grid
 * integral over a symmetric box covering the data with a margin; plus pictures (density over the test data, model
 * samples over the data).
 */
public final class ExactNll2d implements Evaluator {

    /** Settings; {@code halfWidth <= 0} means "from the data": max |x_train| + margin. */
    public record Settings(int resolution, double margin, double halfWidth, int samples, boolean plots) {}

    private final Settings settings;

    public ExactNll2d(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Evaluation evaluate(EvaluationContext ctx) {
        INDArray train = ctx.data().train();
        double half = settings.halfWidth() > 0 ? settings.halfWidth()
                : Transforms.abs(train, true).maxNumber().doubleValue() + settings.margin();
        GridIntegral grid = GridIntegral.of(ctx.model(), -half, half, settings.resolution());
        double meanTestEnergy = ctx.model().energy(Tensor.constant(ctx.data().test().castTo(ctx.model().dataType()))).mean().item();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test-nll", meanTestEnergy + grid.logZ());
        metrics.put("log-z", grid.logZ());
        metrics.put("nll-box-half-width", half);
        List<Path> files = new ArrayList<>();
        if (settings.plots() && ctx.isFinal()) {
            Path density = ctx.outputDirectory().resolve("density.png");
            Plots.density(grid, ctx.data().test(), ctx.data().name() + ": model density exp(-E)/Z", density);
            files.add(density);
            if (ctx.sampler().isPresent() && settings.samples() > 0) {
                Tensor init = ctx.random().uniform(-half, half, ctx.model().dataType(), settings.samples(), 2);
                SampleResult result = ctx.sampler().get().sample(ctx.model(), init, new SamplerContext(ctx.random()));
                Path samples = ctx.outputDirectory().resolve("samples.png");
                Plots.samples(result.samples().array(), ctx.data().test(), half, ctx.data().name() + ": model samples (red) and data (grey)", samples);
                files.add(samples);
                result.diagnostics().forEach((k, v) -> metrics.put("samples/" + k, v));
            }
        }
        return new Evaluation(metrics, files);
    }
}
