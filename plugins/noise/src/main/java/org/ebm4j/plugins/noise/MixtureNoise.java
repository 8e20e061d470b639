package org.ebm4j.plugins.noise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A Gaussian mixture with full covariances, fitted by {@link ExpectationMaximisation}. */
final class MixtureNoise implements NoiseDistribution {

    private final int d;
    private final ExpectationMaximisation em;
    private final DataType type;
    private double[] weights;
    private double[] cumulative;
    private List<GaussianComponent> components;
    private Map<String, Double> metrics = Map.of();

    MixtureNoise(int d, ExpectationMaximisation em, DataType type) {
        this.d = d;
        this.em = em;
        this.type = type;
    }

    @Override
    public void fit(Dataset data, RandomSource random) {
        ExpectationMaximisation.Fit fit = em.fit(data.train().castTo(DataType.DOUBLE), random);
        set(fit.weights(), fit.means(), fit.covariances());
        Map<String, Double> m = new java.util.LinkedHashMap<>(); // in this order in logs and tables
        m.put("em-iterations", (double) fit.iterations());
        m.put("em-train-nll", -fit.logLikelihood());
        metrics = java.util.Collections.unmodifiableMap(m);
    }

    private void set(double[] weights, INDArray means, List<INDArray> covariances) {
        this.weights = weights.clone();
        this.cumulative = new double[weights.length];
        double acc = 0;
        for (int k = 0; k < weights.length; k++) {
            acc += weights[k];
            cumulative[k] = acc;
        }
        this.components = new ArrayList<>();
        for (int k = 0; k < weights.length; k++) {
            components.add(new GaussianComponent(means.getRow(k), covariances.get(k), type));
        }
    }

    private void checkFitted() {
        if (components == null) {
            throw new IllegalStateException("the mixture noise is not fitted: fit() or restore() first");
        }
    }

    @Override
    public Tensor sample(int n, RandomSource random) {
        checkFitted();
        Tensor z = random.normal(type, n, d);
        Tensor u = random.uniform(0, 1, type, n, 1);
        Tensor x = Tensor.zeros(type, n, d);
        double lower = 0;
        for (int k = 0; k < components.size(); k++) {
            double upper = k == components.size() - 1 ? Double.POSITIVE_INFINITY : cumulative[k];
            Tensor member = u.gt(lower).mul(u.lt(upper));   // [n, 1]: rows drawn from component k
            x = x.add(components.get(k).transform(z).mul(member));
            lower = upper;
        }
        return x;
    }

    @Override
    public Tensor logProb(Tensor x) {
        checkFitted();
        Tensor[] columns = new Tensor[components.size()];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = components.get(k).logDensity(x).add(Math.log(weights[k]));
        }
        return Tensor.concat(1, columns).logSumExp(1, false);
    }

    @Override
    public int dimension() {
        return d;
    }

    @Override
    public Map<String, Double> metrics() {
        return metrics;
    }

    /** The fitted weights, {@code [K]}. */
    double[] weights() {
        checkFitted();
        return weights.clone();
    }

    /** Component {@code k}'s mean, {@code [d]}. */
    double[] mean(int k) {
        checkFitted();
        return components.get(k).mean.toDoubleVector();
    }

    @Override
    public Map<String, INDArray> state() {
        checkFitted();
        Map<String, INDArray> s = new LinkedHashMap<>();
        s.put("weights", Nd4j.createFromArray(weights));
        s.put("means", Nd4j.vstack(components.stream().map(c -> c.mean).toArray(INDArray[]::new)));
        for (int k = 0; k < components.size(); k++) {
            s.put("covariance" + k, components.get(k).covariance.dup());
        }
        return s;
    }

    @Override
    public void restore(Map<String, INDArray> state) {
        double[] w = state.get("weights").toDoubleVector();
        List<INDArray> covariances = new ArrayList<>();
        for (int k = 0; k < w.length; k++) {
            covariances.add(state.get("covariance" + k));
        }
        set(w, state.get("means"), covariances);
    }
}
