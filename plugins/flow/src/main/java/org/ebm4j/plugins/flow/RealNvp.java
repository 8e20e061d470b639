package org.ebm4j.plugins.flow;

import java.util.ArrayList;
import java.util.List;
import org.ebm4j.api.param.Init;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * RealNVP (Dinh, Sohl-Dickstein &amp; Bengio 2017): {@code z = f(x)} through a per-coordinate affine standardisation
 * and {@code L} affine coupling layers with alternating binary masks. A coupling layer keeps the masked half
 * {@code x_a = x⊙m} and moves the rest, {@code y = x_a + (1−m)⊙(x⊙exp(s) + t)} with {@code (s, t) = MLP(x_a)} and
 * {@code s = b·tanh(·/b)} bounded by {@code b}; its log-determinant is {@code Σ (1−m)⊙s}. Then
 * {@code log q(x) = log N(f(x); 0, I) + log |det ∂f/∂x|}, and sampling runs the layers backwards from
 * {@code z ~ N(0, I)}. Each conditioner's last layer starts at zero, so the flow starts as the standardisation.
 */
final class RealNvp {

    private final int d;
    private final int layers;
    private final int depth;          // hidden layers per conditioner
    private final double scaleBound;
    private final Parameters parameters;
    private final List<Tensor> masks = new ArrayList<>();        // [1, d] each
    private final List<Tensor> complements = new ArrayList<>();  // 1 − mask
    private final double logNormal;

    RealNvp(int d, int layers, List<Integer> hidden, double scaleBound, DataType type, RandomSource random) {
        if (d < 2) {
            throw new IllegalArgumentException("a coupling flow needs d >= 2, got " + d);
        }
        this.d = d;
        this.layers = layers;
        this.depth = hidden.size();
        this.scaleBound = scaleBound;
        Parameters.Builder b = Parameters.builder(type).add("loc", 0.0, 1, d).add("log-scale", 0.0, 1, d);
        for (int l = 0; l < layers; l++) {
            long in = d;
            for (int k = 0; k < hidden.size(); k++) {
                b.add(name(l, "w", k), Init.UNIFORM_FAN_IN, in, hidden.get(k)).add(name(l, "b", k), Init.ZEROS, 1, hidden.get(k));
                in = hidden.get(k);
            }
            b.add(name(l, "w", depth), Init.ZEROS, in, 2L * d).add(name(l, "b", depth), Init.ZEROS, 1, 2L * d);
            double[] m = new double[d];
            for (int i = 0; i < d; i++) {
                m[i] = (i + l) % 2 == 0 ? 1 : 0; // alternate which half is kept
            }
            INDArray mask = Nd4j.createFromArray(m).reshape(1, d).castTo(type);
            masks.add(Tensor.constant(mask));
            complements.add(Tensor.constant(mask.rsub(1.0)));
        }
        this.parameters = b.build(random);
        this.logNormal = -0.5 * d * Math.log(2 * Math.PI);
    }

    private static String name(int layer, String kind, int k) {
        return "coupling" + layer + "." + kind + k;
    }

    Parameters parameters() {
        return parameters;
    }

    int dimension() {
        return d;
    }

    /** Sets the standardisation to the data's per-coordinate mean and spread (before fitting). */
    void standardiseTo(INDArray train) {
        INDArray x = train.castTo(DataType.DOUBLE);
        INDArray std = x.std(true, 0).addi(1e-6);
        parameters.get("loc").array().assign(x.mean(true, 0).castTo(parameters.dataType()));
        parameters.get("log-scale").array().assign(org.nd4j.linalg.ops.transforms.Transforms.log(std, true).castTo(parameters.dataType()));
    }

    /** {@code (s, t)} of layer {@code l} from its kept half, each {@code [n, d]} and zero on the kept coordinates. */
    private Tensor[] shiftAndScale(int l, Tensor kept) {
        Tensor h = kept;
        for (int k = 0; k < depth; k++) {
            h = h.matmul(parameters.get(name(l, "w", k))).add(parameters.get(name(l, "b", k))).silu();
        }
        Tensor out = h.matmul(parameters.get(name(l, "w", depth))).add(parameters.get(name(l, "b", depth)));
        Tensor s = out.narrow(1, 0, d).div(scaleBound).tanh().mul(scaleBound).mul(complements.get(l));
        Tensor t = out.narrow(1, d, 2L * d).mul(complements.get(l));
        return new Tensor[] {s, t};
    }

    /** {@code z = f(x)} and {@code log |det ∂f/∂x|} per row ({@code [n]}). */
    Tensor[] forward(Tensor x) {
        Tensor logScale = parameters.get("log-scale");
        Tensor y = x.sub(parameters.get("loc")).div(logScale.exp());
        Tensor logDet = Tensor.zeros(x.dataType(), x.rows()).sub(logScale.sum());   // the standardisation
        for (int l = 0; l < layers; l++) {
            Tensor kept = y.mul(masks.get(l));
            Tensor[] st = shiftAndScale(l, kept);
            y = kept.add(y.mul(st[0].exp()).add(st[1]).mul(complements.get(l)));
            logDet = logDet.add(st[0].sum(1));
        }
        return new Tensor[] {y, logDet};
    }

    /** {@code log q(x) = log N(f(x); 0, I) + log |det ∂f/∂x|} per row, {@code [n]}. */
    Tensor logProb(Tensor x) {
        Tensor[] zAndLogDet = forward(x);
        return zAndLogDet[0].square().sum(1).mul(-0.5).add(logNormal).add(zAndLogDet[1]);
    }

    /** {@code x = f⁻¹(z)} for {@code z: [n, d]} and {@code log q(x)}, differentiable in the parameters. */
    Tensor[] inverse(Tensor z) {
        Tensor y = z;
        Tensor perRow = z.square().sum(1).mul(-0.5).add(logNormal);
        for (int l = layers - 1; l >= 0; l--) {
            Tensor kept = y.mul(masks.get(l));
            Tensor[] st = shiftAndScale(l, kept);
            y = kept.add(y.sub(st[1]).mul(st[0].neg().exp()).mul(complements.get(l)));
            perRow = perRow.add(st[0].sum(1));   // log q(x) = log N(z) + log|det ∂f/∂x|, the same s at x
        }
        Tensor logScale = parameters.get("log-scale");
        Tensor x = y.mul(logScale.exp()).add(parameters.get("loc"));
        return new Tensor[] {x, perRow.sub(logScale.sum())};
    }
}
