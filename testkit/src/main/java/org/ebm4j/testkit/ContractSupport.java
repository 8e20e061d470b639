package org.ebm4j.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.runtime.config.PluginDefaults;
import org.ebm4j.runtime.experiment.Standalone;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What the contracts build components with: the runtime's own resolver and factory (so a component is built
 * exactly as an experiment would build it: defaults merged, nested components by name, substitutions resolved,
 * unknown settings refused), a standard data set and small known energies.
 */
public final class ContractSupport {

    private ContractSupport() {}

    /** {@code ebm.<kind>.<name>} from the provider's own {@code reference.conf}, or {@code null} if it has no such entry. */
    public static Config defaults(ComponentProvider<?> provider, String kind) {
        return new PluginDefaults().declared(kind(kind), provider).orElse(null);
    }

    /**
     * {@code provider}'s component from {@code settings} (HOCON) over its {@code ebm.<kind>.<name>} defaults, built with
     * a context of dimension {@code d} seeded by {@code seed}: a one-line way for a test to make a component as an
     * experiment file would.
     */
    public static <T> T build(ComponentProvider<T> provider, String kind, String settings, int d, long seed) {
        return build(provider, kind, ConfigFactory.parseString(settings), Map.of(), d, seed);
    }

    /**
     * {@code provider}'s component from {@code settings} (the experiment file's section, without {@code type}), with
     * the components it creates by name found among {@code nested} (provider → kind), built by the runtime exactly as
     * an experiment builds it.
     */
    public static <T> T build(ComponentProvider<T> provider, String kind, Config settings, Map<ComponentProvider<?>, String> nested,
                              int d, long seed) {
        @SuppressWarnings("unchecked") // the provider of T creates a T
        Class<T> type = (Class<T>) org.ebm4j.runtime.plugin.ComponentKinds.componentType(kind(kind));
        return standalone(provider, kind, nested).build(type, settings, d, seed);
    }

    /**
     * The complete, resolved settings {@code provider} gets from {@code settings}: its defaults and those of its
     * nested components filled in, as a run folder's {@code config.conf} would show them (without {@code type}).
     */
    public static Config resolvedSettings(ComponentProvider<?> provider, String kind, Config settings, Map<ComponentProvider<?>, String> nested) {
        return standalone(provider, kind, nested).resolvedSettings(settings);
    }

    private static Standalone standalone(ComponentProvider<?> provider, String kind, Map<ComponentProvider<?>, String> nested) {
        Map<ComponentProvider<?>, ComponentKind> kinds = new java.util.LinkedHashMap<>();
        nested.forEach((p, k) -> kinds.put(p, kind(k)));
        return new Standalone(provider, kind(kind), kinds);
    }

    static ComponentKind kind(String key) {
        return ComponentKind.byKey(key).orElseThrow(() -> new IllegalArgumentException("unknown kind '" + key + "'; kinds: "
                + ComponentKind.keys()));
    }

    /**
     * The standard data set in {@code d} dimensions: two well-separated Gaussian clusters (weights 0.7 / 0.3, unit
     * variances, means ±1.5 in every coordinate), 512 training and 256 test rows in float32, from {@code seed}, with
     * its exact density (for evaluators that compare with the data's own score or likelihood).
     */
    public static Dataset standardData(int d, long seed) {
        try (RandomSource random = RandomSource.seeded(seed)) {
            return new Dataset("contract-clusters", clusters(d, 512, random), clusters(d, 256, random),
                    java.util.Optional.of(clustersDensity(d)));
        }
    }

    /** {@code −log (0.7 N(x; 1.5·1, I) + 0.3 N(x; −1.5·1, I))}: the standard data's density, normalised, in float64. */
    public static EnergyModel clustersDensity(int d) {
        return fixedEnergy(d, DataType.DOUBLE, x -> {
            Tensor xd = x.castTo(DataType.DOUBLE);
            double norm = 0.5 * d * Math.log(2 * Math.PI);
            Tensor plus = xd.sub(1.5).square().sum(1, true).mul(-0.5).add(Math.log(0.7));
            Tensor minus = xd.add(1.5).square().sum(1, true).mul(-0.5).add(Math.log(0.3));
            return Tensor.concat(1, plus, minus).logSumExp(1, false).neg().add(norm).castTo(x.dataType());
        });
    }

    /**
     * {@code E = −log q} of a fitted noise distribution (a flow, a mixture): an energy whose log Z is exactly 0 in any
     * dimension, the known answer for estimators of log Z.
     */
    public static EnergyModel minusLogDensity(NoiseDistribution noise, int d) {
        return fixedEnergy(d, Tensor.DEFAULT_TYPE, x -> noise.logProb(x).neg().castTo(x.dataType()));
    }

    /** An energy without parameters, in the given precision. */
    private static EnergyModel fixedEnergy(int d, DataType type, java.util.function.UnaryOperator<Tensor> energy) {
        return new EnergyModel() {
            @Override
            public Tensor energy(Tensor x) {
                return energy.apply(x);
            }

            @Override
            public int dimension() {
                return d;
            }

            @Override
            public Parameters parameters() {
                return Parameters.empty();
            }

            @Override
            public DataType dataType() {
                return type;
            }
        };
    }

    private static INDArray clusters(int d, int n, RandomSource random) {
        INDArray x = random.normal(DataType.DOUBLE, n, d).array().dup();
        INDArray sign = random.uniform(0, 1, DataType.DOUBLE, n, 1).array().lt(0.7).castTo(DataType.DOUBLE).muli(2).subi(1);
        return x.addi(Nd4j.ones(DataType.DOUBLE, n, d).muliColumnVector(sign).muli(1.5)).castTo(DataType.FLOAT);
    }

    /** {@code E(x) = ½ (x−μ)ᵀΛ(x−μ)} in double precision, no parameters: a target with known moments. */
    public static EnergyModel gaussianTarget(double[] mean, double[][] precision) {
        int d = mean.length;
        Tensor mu = Tensor.constant(Nd4j.createFromArray(mean).reshape(1, d));
        Tensor lambda = Tensor.constant(Nd4j.createFromArray(precision));
        return new EnergyModel() {
            @Override
            public Tensor energy(Tensor x) {
                Tensor diff = x.castTo(DataType.DOUBLE).sub(mu);
                return diff.matmul(lambda).mul(diff).sum(1).mul(0.5).castTo(x.dataType());
            }

            @Override
            public int dimension() {
                return d;
            }

            @Override
            public Parameters parameters() {
                return Parameters.empty();
            }
        };
    }

    /** A small trainable energy in double precision, {@code E(x) = w₂ᵀ tanh(W₁ x + b₁) + ½ a ‖x‖²}, random from {@code seed}. */
    public static EnergyModel tinyEnergy(int d, long seed) {
        Parameters p;
        try (RandomSource random = RandomSource.seeded(seed)) {
            p = Parameters.builder(DataType.DOUBLE)
                    .add("w1", random.normal(DataType.DOUBLE, d, 6).array().muli(0.7))
                    .add("b1", random.normal(DataType.DOUBLE, 1, 6).array().muli(0.3))
                    .add("w2", random.normal(DataType.DOUBLE, 6, 1).array().muli(0.7))
                    .add("a", Nd4j.createFromArray(new double[][] {{0.5}}))
                    .build(random);
        }
        Parameters parameters = p;
        return new EnergyModel() {
            @Override
            public Tensor energy(Tensor x) {
                Tensor h = x.matmul(parameters.get("w1")).add(parameters.get("b1")).tanh();
                return h.matmul(parameters.get("w2")).reshape(x.rows())
                        .add(x.square().sum(1).mul(parameters.get("a").reshape(1)).mul(0.5));
            }

            @Override
            public int dimension() {
                return d;
            }

            @Override
            public Parameters parameters() {
                return parameters;
            }
        };
    }
}
