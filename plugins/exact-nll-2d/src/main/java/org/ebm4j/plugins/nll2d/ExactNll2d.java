package org.ebm4j.plugins.nll2d;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.SamplerContext;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.plots.GridDensity2d;
import org.ebm4j.plots.Pictures;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Exact test negative log-likelihood of a 2-D model, {@code mean E(x_test) + log Z}, with {@code log Z} from a grid
 * integral over a symmetric box covering the data with a margin; plus pictures drawn with the same code as
 * {@code ebm sample}'s: the density over the test data and model samples over the density, each with marginals.
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
        GridDensity2d grid = GridDensity2d.of(ctx.model(), -half, half, -half, half, settings.resolution());
        double meanTestEnergy = ctx.model().energy(Tensor.constant(ctx.data().test().castTo(ctx.model().dataType()))).mean().item();
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test-nll", meanTestEnergy + grid.logZ());
        metrics.put("log-z", grid.logZ());
        metrics.put("nll-box-half-width", half);
        List<Path> files = new ArrayList<>();
        if (settings.plots() && ctx.isFinal()) {
            Path density = ctx.outputDirectory().resolve("density.png");
            double[][] test = ctx.data().test().castTo(DataType.DOUBLE).toDoubleMatrix();
            Pictures.writePng(Pictures.twoD(grid, test, Pictures.Labels.model("test data"), String.format(Locale.ROOT,
                    "%s: model density, test NLL %.4f", ctx.data().name(), metrics.get("test-nll"))), density);
            files.add(density);
            if (ctx.sampler().isPresent() && settings.samples() > 0) {
                Tensor init = ctx.random().uniform(-half, half, ctx.model().dataType(), settings.samples(), 2);
                SampleResult result = ctx.sampler().get().sample(ctx.model(), init, new SamplerContext(ctx.random()));
                double[][] samples = Pictures.finiteRows(result.samples().array());
                Map<String, Object> tv = grid.compare(samples, ctx.random());
                Path picture = ctx.outputDirectory().resolve("samples.png");
                Pictures.writePng(Pictures.twoD(grid, samples, Pictures.Labels.model("model samples"), String.format(Locale.ROOT,
                        "%s: %d samples from a uniform start; grid TV %.3f (exact draws: %.3f)", ctx.data().name(),
                        samples.length, (double) tv.get("grid-tv"), (double) tv.get("grid-tv-of-exact-draws"))), picture);
                files.add(picture);
                result.diagnostics().forEach((k, v) -> metrics.put("samples/" + k, v));
                metrics.put("samples/grid-tv", (double) tv.get("grid-tv"));
                metrics.put("samples/grid-tv-of-exact-draws", (double) tv.get("grid-tv-of-exact-draws"));
            }
        }
        return new Evaluation(metrics, files);
    }
}
