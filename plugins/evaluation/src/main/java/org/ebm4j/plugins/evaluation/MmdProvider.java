package org.ebm4j.plugins.evaluation;

import com.typesafe.config.Config;
import java.util.List;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.eval.EvaluatorProvider;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.sampler.Sampler;
import org.pf4j.Extension;

/** {@code evaluators = [{ type = mmd }]}: MMD² between model samples and test data, with its floor and a p-value. */
@Extension
public class MmdProvider implements EvaluatorProvider {

    @Override
    public String name() {
        return "mmd";
    }

    @Override
    public String description() {
        return "Unbiased MMD² (RBF kernels, several bandwidths) between model samples and test data, with its noise floor and a permutation p-value";
    }

    @Override
    public Evaluator create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int samples = r.intAtLeast(settings, "samples", 4);
        List<String> bandwidths = r.read(settings, "bandwidths", () -> settings.getStringList("bandwidths"), List.of());
        for (String b : bandwidths) {
            if (!b.equals("median")) {
                try {
                    double h = Double.parseDouble(b);
                    if (!(h > 0) || Double.isInfinite(h)) {
                        r.add(settings, "bandwidths", "every bandwidth must be a number > 0 or median, got " + b);
                    }
                } catch (NumberFormatException e) {
                    r.add(settings, "bandwidths", "every bandwidth must be a number > 0 or median, got '" + b + "'");
                }
            }
        }
        if (bandwidths.isEmpty()) {
            r.add(settings, "bandwidths", "needs at least one bandwidth (a number > 0, or median)");
        }
        int permutations = r.intAtLeast(settings, "permutations", 0);
        List<String> features = r.read(settings, "features", () -> settings.getStringList("features"), List.of("pixels"));
        List<Integer> given = r.read(settings, "image", () -> settings.getIntList("image"), List.of());
        List<Integer> image = given.isEmpty() && context.rowShape().size() == 3 ? context.rowShape() : given; // the data's own shape
        if (features.isEmpty() || !List.of("pixels", "random-conv").containsAll(features)) {
            r.add(settings, "features", "lists what the kernel compares, one or both of pixels, random-conv; got " + features);
        }
        int d = context.dimension();
        if (!image.isEmpty() && (image.size() != 3 || image.stream().anyMatch(v -> v < 1) || image.get(0) * image.get(1) * image.get(2) != d)) {
            r.add(settings, "image", "is [channels, height, width] of the data's " + d + " values per row, got " + image);
        }
        int side = (int) Math.round(Math.sqrt(d));
        if (features.contains("random-conv") && image.isEmpty() && (side * side != d || side < 4)) {
            r.add(settings, "features", "random-conv reads rows as images: the data's " + d + " values per row are not a square "
                    + "image, give image = [channels, height, width]");
        }
        r.throwIfAny();
        Sampler sampler = context.create(Sampler.class, "sampler");
        NoiseDistribution init = context.create(NoiseDistribution.class, "init");
        return new Mmd(new Mmd.Settings(samples, bandwidths, permutations, List.copyOf(features), List.copyOf(image)), sampler, init);
    }
}
