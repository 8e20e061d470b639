package org.ebm4j.plugins.conv;

import java.util.List;
import java.util.function.UnaryOperator;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Init;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Convolution;
import org.ebm4j.api.tensor.Tensor;

/**
 * {@code E(x) = wᵀ pool(φ(conv_L(… φ(conv_1(x)) …))) + b}: convolutions (kernel {@code k}, padding {@code k/2}, a stride
 * per layer) with biases and an activation, the last feature maps summed or averaged over their pixels, and a linear
 * head to one number. Rows of {@code c·h·w} pixels are read as {@code [c, h, w]} images (row-major, as IDX and the
 * digits store them).
 *
 * @param extraChannels input channels beyond the image's (a noise-conditional variant feeds log σ as one)
 */
public final class ConvEnergy implements EnergyModel {

    /** An image's channels, height and width. */
    public record ImageShape(int channels, int height, int width) {
        int pixels() {
            return channels * height * width;
        }
    }

    private final ImageShape image;
    private final List<Integer> strides;
    private final int kernel;
    private final UnaryOperator<Tensor> activation;
    private final boolean meanPool;
    private final Parameters parameters;
    private final int layers;

    public ConvEnergy(ImageShape image, int extraChannels, List<Integer> channels, List<Integer> strides, int kernel,
                      UnaryOperator<Tensor> activation, boolean meanPool, Init init, RandomSource random) {
        if (channels.size() != strides.size()) {
            throw new IllegalArgumentException("one stride per convolution: " + channels.size() + " channel counts, " + strides.size() + " strides");
        }
        this.image = image;
        this.strides = List.copyOf(strides);
        this.kernel = kernel;
        this.activation = activation;
        this.meanPool = meanPool;
        this.layers = channels.size();
        Parameters.Builder b = Parameters.builder(Tensor.DEFAULT_TYPE);
        int in = image.channels() + extraChannels;
        for (int k = 0; k < layers; k++) {
            int out = channels.get(k);
            Parameters.Fans fans = new Parameters.Fans((long) in * kernel * kernel, (long) out * kernel * kernel);
            b.add("conv" + k, init, fans, out, in, kernel, kernel).add("bias" + k, Init.ZEROS, fans, out);
            in = out;
        }
        b.add("head", init, new Parameters.Fans(in, 1), in, 1).add("head-bias", Init.ZEROS, new Parameters.Fans(in, 1), 1, 1);
        this.parameters = b.build(random);
    }

    /** The image batch {@code [n, c, h, w]} of rows {@code [n, c·h·w]}. */
    Tensor images(Tensor x) {
        return x.reshape(x.rows(), image.channels(), image.height(), image.width());
    }

    @Override
    public Tensor energy(Tensor x) {
        return energyOfImages(images(x));
    }

    /** The energy of an image batch {@code [n, c + extra, h, w]}. */
    Tensor energyOfImages(Tensor h) {
        for (int k = 0; k < layers; k++) {
            h = activation.apply(Convolution.conv2d(h, parameters.get("conv" + k), parameters.get("bias" + k), strides.get(k), kernel / 2));
        }
        Tensor pooled = meanPool ? Convolution.globalMeanPool(h) : Convolution.globalSumPool(h);
        return pooled.matmul(parameters.get("head")).add(parameters.get("head-bias")).reshape(h.shape()[0]);
    }

    ImageShape image() {
        return image;
    }

    @Override
    public int dimension() {
        return image.pixels();
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }
}
