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
    private final int powerIterations;

    public ConvEnergy(ImageShape image, int extraChannels, List<Integer> channels, List<Integer> strides, int kernel,
                      UnaryOperator<Tensor> activation, boolean meanPool, Init init, RandomSource random) {
        this(image, extraChannels, channels, strides, kernel, activation, meanPool, init, random, 0);
    }

    /**
     * @param powerIterations 0: plain weights; k > 0: spectral normalisation (Miyato et al. 2018) of every convolution
     *                        and the head, each weight divided by its largest singular value (of the matrix
     *                        {@code [out, c·k·k]}), estimated by k power iterations from a fixed start on every call:
     *                        no state, so the energy is a plain function of the parameters (checkpoints, resume and
     *                        second derivatives stay exact); the singular vectors are held constant in the gradient
     */
    public ConvEnergy(ImageShape image, int extraChannels, List<Integer> channels, List<Integer> strides, int kernel,
                      UnaryOperator<Tensor> activation, boolean meanPool, Init init, RandomSource random, int powerIterations) {
        this.powerIterations = powerIterations;
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
            h = activation.apply(Convolution.conv2d(h, normalised(parameters.get("conv" + k)), parameters.get("bias" + k),
                    strides.get(k), kernel / 2));
        }
        Tensor pooled = meanPool ? Convolution.globalMeanPool(h) : Convolution.globalSumPool(h);
        Tensor head = parameters.get("head");
        return pooled.matmul(powerIterations > 0 ? normalised(head.transpose()).transpose() : head)
                .add(parameters.get("head-bias")).reshape(h.shape()[0]);
    }

    /** {@code w / σ_max(w)} with σ_max of the matrix {@code [w.shape[0], rest]} by power iteration, or {@code w}. */
    Tensor normalised(Tensor w) {
        if (powerIterations == 0) {
            return w;
        }
        long[] shape = w.shape();
        long columns = w.length() / shape[0];
        Tensor m = w.reshape(shape[0], columns);
        Tensor v;
        Tensor u;
        try (org.ebm4j.api.tensor.GradMode.Scope off = org.ebm4j.api.tensor.GradMode.off()) {
            Tensor constant = m.detach();
            v = Tensor.full(1.0 / Math.sqrt(columns), w.dataType(), columns, 1);
            u = null;
            for (int i = 0; i < powerIterations; i++) {
                u = unit(constant.matmul(v));
                v = unit(constant.transpose().matmul(u));
            }
            u = unit(constant.matmul(v));
        }
        long[] ones = new long[shape.length];
        java.util.Arrays.fill(ones, 1);
        Tensor sigma = u.transpose().matmul(m).matmul(v).reshape(ones); // uᵀ W v: differentiable in W, u and v held fixed
        return w.div(sigma);
    }

    private static Tensor unit(Tensor x) {
        return x.div(x.square().sum().sqrt().add(1e-12));
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
