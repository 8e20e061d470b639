package org.ebm4j.plugins.noise;

import java.util.LinkedHashMap;
import java.util.Map;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Uniform on the data's bounding box widened by {@code margin}: {@code log p = −Σ log width} inside, {@code −∞} outside. */
final class UniformNoise implements NoiseDistribution {

    private final int d;
    private final double margin;
    private final DataType type;
    private INDArray low;  // [1, d], double
    private INDArray high; // [1, d]
    private Tensor lowT;
    private Tensor highT;
    private double logDensity;

    UniformNoise(int d, double margin, DataType type) {
        this.d = d;
        this.margin = margin;
        this.type = type;
    }

    @Override
    public void fit(Dataset data, RandomSource random) {
        INDArray x = data.train().castTo(DataType.DOUBLE);
        set(x.min(true, 0).subi(margin), x.max(true, 0).addi(margin));
    }

    private void set(INDArray low, INDArray high) {
        this.low = low.castTo(DataType.DOUBLE).reshape(1, d).dup();
        this.high = high.castTo(DataType.DOUBLE).reshape(1, d).dup();
        this.lowT = Tensor.constant(this.low.castTo(type));
        this.highT = Tensor.constant(this.high.castTo(type));
        this.logDensity = -Math.log(this.high.sub(this.low).prodNumber().doubleValue());
    }

    private void checkFitted() {
        if (low == null) {
            throw new IllegalStateException("the uniform noise is not fitted: fit() or restore() first");
        }
    }

    @Override
    public Tensor sample(int n, RandomSource random) {
        checkFitted();
        return random.uniform(0, 1, type, n, d).mul(highT.sub(lowT)).add(lowT);
    }

    @Override
    public Tensor logProb(Tensor x) {
        checkFitted();
        x = x.castTo(type);
        // the box is closed: a draw can round onto its upper edge, and must not get log p = −∞ there
        Tensor outsideCoordinates = x.lt(lowT).add(x.gt(highT)).sum(1);         // [n]: coordinates outside
        Tensor inside = outsideCoordinates.lt(0.5);
        return Tensor.where(inside, Tensor.full(logDensity, x.dataType(), x.rows()),
                Tensor.full(Double.NEGATIVE_INFINITY, x.dataType(), x.rows()));
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public Map<String, INDArray> state() {
        checkFitted();
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put("low", low.dup());
        s.put("high", high.dup());
        return s;
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        set(state.get("low"), state.get("high"));
    }
}
