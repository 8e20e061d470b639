package org.ebm4j.plugins.conv;

import com.typesafe.config.Config;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.EnergyModelProvider;
import org.ebm4j.api.model.NoiseConditionalEnergy;
import org.ebm4j.api.param.Init;
import org.ebm4j.api.tensor.Tensor;
import org.pf4j.Extension;

/** {@code model.type = conv}: a convolutional energy over images, optionally noise-conditional. */
@Extension
public class ConvProvider implements EnergyModelProvider {

    static final Map<String, UnaryOperator<Tensor>> ACTIVATIONS = Map.of(
            "silu", Tensor::silu,
            "swish", Tensor::silu,
            "softplus", Tensor::softplus,
            "leaky-relu", t -> t.leakyRelu(0.2),
            "elu", t -> t.elu(1.0));

    @Override
    public String name() {
        return "conv";
    }

    @Override
    public String description() {
        return "Convolutional energy over c×h×w images (channels and strides per layer, sum or mean pooled linear head); "
                + "optionally noise-conditional and spectrally normalised";
    }

    @Override
    public EnergyModel create(Config s, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        List<Integer> image = r.read(s, "image", () -> s.getIntList("image"), List.of());
        List<Integer> channels = r.intList(s, "channels", 1);
        List<Integer> strides = r.intList(s, "strides", 1);
        int kernel = r.read(s, "kernel", () -> s.getInt("kernel"), 3);
        String activation = r.oneOf(s, "activation", ACTIVATIONS.keySet().stream().sorted().toList());
        String pool = r.oneOf(s, "pool", List.of("sum", "mean"));
        String initName = r.oneOf(s, "init", Init.names());
        String conditioning = r.oneOf(s, "conditioning", List.of("none", "scale", "input"));
        double evaluationSigma = r.positiveDouble(s, "evaluation-sigma");
        int powerIterations = r.read(s, "spectral-norm-iterations", () -> s.getInt("spectral-norm-iterations"), 0);
        if (powerIterations < 0) {
            r.add(s, "spectral-norm-iterations", "is 0 (no spectral normalisation) or the power iterations per call, got " + powerIterations);
        }
        if (channels.size() != strides.size()) {
            r.add(s, "strides", "needs one stride per entry of channels (" + channels.size() + "), got " + strides);
        }
        if (kernel < 1 || kernel % 2 == 0) {
            r.add(s, "kernel", "must be odd (padding kernel/2 keeps stride-1 layers the image's size), got " + kernel);
        }
        if (!image.isEmpty() && image.size() != 3) {
            r.add(s, "image", "is [channels, height, width], or [] for one square channel, got " + image);
        }
        r.throwIfAny();
        int d = context.dimension();
        ConvEnergy.ImageShape shape = shape(s, image.isEmpty() ? context.rowShape() : image, d);
        UnaryOperator<Tensor> phi = ACTIVATIONS.get(activation);
        Init init = Init.byName(initName);
        boolean mean = pool.equals("mean");
        return switch (conditioning) {
            case "scale" -> NoiseConditionalEnergy.scaled(new ConvEnergy(shape, 0, channels, strides, kernel, phi, mean, init, context.random(),
                    powerIterations), evaluationSigma);
            case "input" -> new SigmaChannelConvEnergy(new ConvEnergy(shape, 1, channels, strides, kernel, phi, mean, init, context.random(),
                    powerIterations), evaluationSigma);
            default -> new ConvEnergy(shape, 0, channels, strides, kernel, phi, mean, init, context.random(), powerIterations);
        };
    }

    /** The image shape: as given, else as the data source says its rows are, else one square channel of side √d. */
    private static ConvEnergy.ImageShape shape(Config s, List<Integer> image, int d) {
        if (!image.isEmpty()) {
            ConvEnergy.ImageShape given = new ConvEnergy.ImageShape(image.get(0), image.get(1), image.get(2));
            if (given.pixels() != d) {
                throw new ConfigException("image", SettingsReader.originOf(s, "image"), "= " + image + " has " + given.pixels()
                        + " values per image but the data has " + d + " per row");
            }
            return given;
        }
        int side = (int) Math.round(Math.sqrt(d));
        if (side * side != d) {
            throw new ConfigException("image", SettingsReader.originOf(s, "image"), "is not set, the data source does not say its rows "
                    + "are images, and its " + d + " values per row are not a square image; give image = [channels, height, width]");
        }
        return new ConvEnergy.ImageShape(1, side, side);
    }
}
