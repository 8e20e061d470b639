package org.ebm4j.plugins.nll2d;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.ebm4j.api.data.DataCoordinates;
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

/**
 * Exact test negative log-likelihood of a 2-D model, {@code mean E(x_test) + log Z}, with {@code log Z} from a grid
 * integral over a symmetric box covering the data with a margin; plus pictures drawn with the same code as
 * {@code ebm sample}'s: the density over the test data and model samples over the density, each with marginals.
 */
public final class ExactNll2d implements Evaluator {

    /**
     * Settings; {@code halfWidth <= 0} means "from the data": half the widest coordinate's range + margin, the box centred
     * on the data's range. {@code leakTolerance}: how much
     * larger (nats) log Z may be on a box twice as wide before the NLL is flagged as unreliable.
     */
    public record Settings(int resolution, double margin, double halfWidth, int samples, boolean plots, double leakTolerance,
                           boolean logDensity) {}

    private final Settings settings;

    public ExactNll2d(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Evaluation evaluate(EvaluationContext ctx) {
        long t0 = System.nanoTime();
        DataCoordinates units = ctx.data().coordinates();
        INDArray train = ctx.data().train();
        // centred on the data, wherever it lies (a file's raw coordinates need not be near the origin)
        INDArray low = train.min(0).castTo(DataType.DOUBLE);
        INDArray high = train.max(0).castTo(DataType.DOUBLE);
        double cx = (low.getDouble(0) + high.getDouble(0)) / 2;
        double cy = (low.getDouble(1) + high.getDouble(1)) / 2;
        double half = settings.halfWidth() > 0 ? settings.halfWidth()
                : Math.max(high.getDouble(0) - low.getDouble(0), high.getDouble(1) - low.getDouble(1)) / 2 + settings.margin();
        GridDensity2d grid = GridDensity2d.of(ctx.model(), cx - half, cx + half, cy - half, cy + half, settings.resolution());
        // the same integral on a box twice as wide: a model whose energy keeps falling outside the box has mass there,
        // and its "exact" NLL on the box is not the model's (it grows with the box)
        GridDensity2d wide = GridDensity2d.of(ctx.model(), cx - 2 * half, cx + 2 * half, cy - 2 * half, cy + 2 * half,
                settings.resolution());
        double[] testEnergies = ctx.model().energy(Tensor.constant(ctx.data().test().castTo(ctx.model().dataType())))
                .castTo(DataType.DOUBLE).toDoubleArray();
        double meanTestEnergy = java.util.Arrays.stream(testEnergies).average().orElse(Double.NaN);
        double leak = wide.logZ() - grid.logZ();
        boolean reliable = !(leak > settings.leakTolerance()) && Double.isFinite(grid.logZ());
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("test-nll", meanTestEnergy + grid.logZ());
        // log Z is exact up to the grid; the error is that of the mean over the test rows
        metrics.put("test-nll-se", standardErrorOfMean(testEnergies, meanTestEnergy));
        metrics.put("log-z", grid.logZ());
        metrics.put("nll-box-half-width", half);
        metrics.put("nll-box-centre-x1", cx);
        metrics.put("nll-box-centre-x2", cy);
        metrics.put("test-nll/wide-box", meanTestEnergy + wide.logZ());
        metrics.put("mass-outside-box", -Math.expm1(-Math.max(leak, 0)));
        metrics.put("mass-in-outer-band", outerBand(grid, 0.9));
        metrics.put("reliable", reliable ? 1.0 : 0.0);
        List<String> warnings = new ArrayList<>();
        if (!reliable) {
            warnings.add(String.format(Locale.ROOT, "the model is not normalisable within the box of half-width %.2f around "
                    + "(%.2f, %.2f) (model coordinates): on a box twice as wide log Z is %.4f nats larger (%.1f %% of its mass lies "
                    + "outside), so the test NLL %.4f is unreliable; the energy may keep falling away from the data (half-width "
                    + "sets the box)", half, cx, cy, leak, 100 * metrics.get("mass-outside-box"), metrics.get("test-nll") + units.logDeterminant()));
        }
        List<Path> files = new ArrayList<>();
        if (settings.plots() && ctx.isFinal()) {
            // the pictures in the data's units: the same grid with its box mapped, the points mapped
            GridDensity2d shown = grid.inUnits(units);
            Path density = ctx.outputDirectory().resolve("density.png");
            double[][] test = units.toData(ctx.data().test().castTo(DataType.DOUBLE)).toDoubleMatrix();
            Pictures.writePng(Pictures.twoD(shown, test, Pictures.Labels.model("test data"), String.format(Locale.ROOT,
                    "%s: model density, test NLL %.4f", ctx.data().name(), metrics.get("test-nll") + units.logDeterminant()),
                    settings.logDensity(), units.columns()), density);
            files.add(density);
            if (ctx.sampler().isPresent() && settings.samples() > 0) {
                Tensor init = ctx.random().uniform(-half, half, ctx.model().dataType(), settings.samples(), 2)
                        .add(Tensor.constant(org.nd4j.linalg.factory.Nd4j.createFromArray(cx, cy).reshape(1, 2).castTo(ctx.model().dataType())));
                SampleResult result = ctx.sampler().get().sample(ctx.model(), init, new SamplerContext(ctx.random()));
                double[][] samples = Pictures.finiteRows(units.toData(result.samples().array()));
                Map<String, Object> tv = shown.compare(samples, ctx.random());
                Path picture = ctx.outputDirectory().resolve("samples.png");
                Pictures.writePng(Pictures.twoD(shown, samples, Pictures.Labels.model("model samples"), String.format(Locale.ROOT,
                        "%s: %d samples from a uniform start; grid TV %.3f (exact draws: %.3f)", ctx.data().name(),
                        samples.length, (double) tv.get("grid-tv"), (double) tv.get("grid-tv-of-exact-draws")), settings.logDensity(),
                        units.columns()), picture);
                files.add(picture);
                result.diagnostics().forEach((k, v) -> metrics.put("samples/" + k, v));
                metrics.put("samples/grid-tv", (double) tv.get("grid-tv"));
                metrics.put("samples/grid-tv-of-exact-draws", (double) tv.get("grid-tv-of-exact-draws"));
            }
        }
        metrics.put("seconds", (System.nanoTime() - t0) / 1e9);
        return new Evaluation(metrics, files, warnings);
    }

    private static double standardErrorOfMean(double[] values, double mean) {
        if (values.length < 2) {
            return Double.NaN;
        }
        double sq = 0;
        for (double v : values) {
            sq += (v - mean) * (v - mean);
        }
        return Math.sqrt(sq / (values.length - 1) / values.length);
    }

    /** The share of the box's mass in its outer band: beyond {@code inner} of the half-width in either coordinate. */
    private static double outerBand(GridDensity2d grid, double inner) {
        double edgeX = inner * (grid.xhi - grid.xlo) / 2;
        double edgeY = inner * (grid.yhi - grid.ylo) / 2;
        double cx = (grid.xhi + grid.xlo) / 2;
        double cy = (grid.yhi + grid.ylo) / 2;
        double mass = 0;
        for (int i = 0; i < grid.resolution; i++) {
            boolean outX = Math.abs(grid.coordinate(0, i) - cx) > edgeX;
            for (int j = 0; j < grid.resolution; j++) {
                if (outX || Math.abs(grid.coordinate(1, j) - cy) > edgeY) {
                    mass += grid.probability(i, j);
                }
            }
        }
        return mass;
    }
}
