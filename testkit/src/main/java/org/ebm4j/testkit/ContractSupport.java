package org.ebm4j.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.ComponentProvider;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What the contracts build components with: defaults, a context, a standard data set and small known energies. */
public final class ContractSupport {

    private ContractSupport() {}

    /** {@code ebm.<kind>.<name>} from every {@code reference.conf} the provider's class loader sees, or {@code null}. */
    public static Config defaults(ComponentProvider<?> provider, String kind) {
        Config all = ConfigFactory.parseResources(provider.getClass().getClassLoader(), "reference.conf");
        String path = "ebm." + kind + ".\"" + provider.name() + "\"";
        return all.hasPath(path) ? all.getConfig(path) : null;
    }

    /**
     * {@code provider}'s component from {@code settings} (HOCON) over its {@code ebm.<kind>.<name>} defaults, built with
     * a context of dimension {@code d} seeded by {@code seed}: a one-line way for a test to make a component as an
     * experiment file would.
     */
    public static <T> T build(ComponentProvider<T> provider, String kind, String settings, int d, long seed) {
        Config defaults = defaults(provider, kind);
        if (defaults == null) {
            throw new IllegalArgumentException("no reference.conf entry ebm." + kind + ".\"" + provider.name() + "\"");
        }
        return provider.create(ConfigFactory.parseString(settings).withFallback(defaults).resolve(), context(d, seed, List.of(), List.of()));
    }

    /**
     * A context of dimension {@code d} with its own seeded stream; nested components ({@code cd}'s sampler, {@code nce}'s
     * noise) are created by name from {@code nested}, over their own defaults.
     */
    public static ComponentContext context(int d, long seed, List<? extends ComponentProvider<?>> nested, List<String> nestedKinds) {
        RandomSource random = RandomSource.seeded(seed);
        return new ComponentContext() {
            private int children;

            @Override
            public int dimension() {
                return d;
            }

            @Override
            public RandomSource random() {
                return random;
            }

            @Override
            public <T> T create(Class<T> kind, Config spec) {
                String name = spec.getString("type");
                for (int i = 0; i < nested.size(); i++) {
                    ComponentProvider<?> p = nested.get(i);
                    if (p.name().equals(name)) {
                        Config settings = spec.withoutPath("type").withFallback(defaults(p, nestedKinds.get(i)));
                        return kind.cast(p.create(settings, context(d, seed * 31 + (++children), nested, nestedKinds)));
                    }
                }
                throw new IllegalArgumentException("the contract has no nested " + kind.getSimpleName() + " '" + name
                        + "'; list its provider in nestedProviders()");
            }
        };
    }

    /**
     * The standard data set in {@code d} dimensions: two well-separated Gaussian clusters (weights 0.7 / 0.3, unit
     * variances, means ±1.5 in every coordinate), 512 training and 256 test rows in float32, from {@code seed}.
     */
    public static Dataset standardData(int d, long seed) {
        try (RandomSource random = RandomSource.seeded(seed)) {
            return new Dataset("contract-clusters", clusters(d, 512, random), clusters(d, 256, random));
        }
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
