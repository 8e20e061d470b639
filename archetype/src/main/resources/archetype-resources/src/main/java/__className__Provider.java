package ${package};

import com.typesafe.config.Config;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.SettingsReader;
import org.pf4j.Extension;
#if( $kind == "objective" )
import org.ebm4j.api.objective.Loss;
import org.ebm4j.api.objective.Losses;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.ebm4j.api.tensor.Tensor;

/**
 * {@code objective.type = ${name}}: denoising score matching at one noise level, {@code ½‖σ s(x + σε) + ε‖²}
 * with {@code s = −∇ₓE}. Replace the loss with yours; keep it a mean over the batch.
 */
@Extension
public class ${className}Provider implements ObjectiveProvider {

    @Override
    public String name() {
        return "${name}";
    }

    @Override
    public String description() {
        return "Denoising score matching at one noise level (replace with your objective)";
    }

    @Override
    public Objective create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        double sigma = r.positiveDouble(settings, "sigma");
        r.throwIfAny();   // every problem at once, each with its key, file and line
        return (model, batch, step) -> {
            Tensor x = batch.x();
            Tensor eps = step.random().normal(x.dataType(), x.shape());
            Tensor noisy = x.add(eps.mul(sigma)).requireGrad();
            Tensor score = model.score(noisy, true);   // keeps the graph: the loss is differentiable in the parameters
            Tensor loss = score.mul(sigma).add(eps).square().sum(1).mean().mul(0.5);
            return Losses.of(Loss.minimise("${name}", loss, model.parameters()));
        };
    }
}
#elseif( $kind == "sampler" )
import java.util.Map;
import org.ebm4j.api.sampler.SampleResult;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.sampler.SamplerProvider;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.Tensor;
import org.ebm4j.api.tensor.TensorScope;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code sampler.type = ${name}}: unadjusted Langevin, {@code x' = x + (ε/2) s(x) + √ε z}, all chains in one array.
 * The chains live in one buffer and each step's temporaries are freed, so memory stays flat however long it runs.
 */
@Extension
public class ${className}Provider implements SamplerProvider {

    @Override
    public String name() {
        return "${name}";
    }

    @Override
    public String description() {
        return "Unadjusted Langevin dynamics (replace with your sampler)";
    }

    @Override
    public Sampler create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int steps = r.intAtLeast(settings, "steps", 1);
        double eps = r.positiveDouble(settings, "step-size");
        r.throwIfAny();
        return (model, init, samplerContext) -> {
            INDArray chains = init.array().dup();
            double energy = 0;
            for (int k = 0; k < steps; k++) {
                try (TensorScope scope = TensorScope.open()) {
                    Tensor x = Tensor.constant(chains);
                    Tensor noise = samplerContext.random().normal(x.dataType(), x.shape());
                    Tensor next = x.add(model.score(x, false).mul(eps / 2)).add(noise.mul(Math.sqrt(eps)));
                    chains.assign(next.array());
                    if (k == steps - 1) {
                        try (GradMode.Scope off = GradMode.off()) {
                            energy = model.energy(Tensor.constant(chains)).mean().item();
                        }
                    }
                }
            }
            return new SampleResult(Tensor.constant(chains), Map.of("mean-energy", energy, "steps", (double) steps));
        };
    }
}
#elseif( $kind == "noise" )
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.noise.NoiseDistribution;
import org.ebm4j.api.noise.NoiseProvider;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code noise.type = ${name}}: a diagonal Gaussian fitted to the data, its standard deviations times {@code scale}. */
@Extension
public class ${className}Provider implements NoiseProvider {

    @Override
    public String name() {
        return "${name}";
    }

    @Override
    public String description() {
        return "Diagonal Gaussian fitted to the data (replace with your distribution)";
    }

    @Override
    public NoiseDistribution create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        double scale = r.positiveDouble(settings, "scale");
        r.throwIfAny();
        int d = context.dimension();
        return new NoiseDistribution() {
            private Tensor mean;
            private Tensor std;
            private double logNormaliser;

            @Override
            public void fit(Dataset data, RandomSource random) {
                INDArray x = data.train().castTo(DataType.DOUBLE);
                INDArray sd = x.std(true, 0).muli(scale).addi(1e-6);
                mean = Tensor.constant(x.mean(true, 0).castTo(Tensor.DEFAULT_TYPE));
                std = Tensor.constant(sd.castTo(Tensor.DEFAULT_TYPE));
                logNormaliser = -org.nd4j.linalg.ops.transforms.Transforms.log(sd, true).sumNumber().doubleValue() - 0.5 * d * Math.log(2 * Math.PI);
            }

            @Override
            public Tensor sample(int n, RandomSource random) {
                return random.normal(Tensor.DEFAULT_TYPE, n, d).mul(std).add(mean);
            }

            @Override
            public Tensor logProb(Tensor x) {
                return x.castTo(Tensor.DEFAULT_TYPE).sub(mean).div(std).square().sum(1).mul(-0.5).add(logNormaliser);
            }

            @Override
            public int dimension() {
                return d;
            }

            @Override
            public java.util.Map<String, INDArray> state() {
                return java.util.Map.of("mean", mean.array().dup(), "std", std.array().dup());
            }

            @Override
            public void restore(java.util.Map<String, INDArray> state) {
                mean = Tensor.constant(state.get("mean"));
                std = Tensor.constant(state.get("std"));
                logNormaliser = -org.nd4j.linalg.ops.transforms.Transforms.log(state.get("std").castTo(DataType.DOUBLE), true).sumNumber().doubleValue()
                        - 0.5 * d * Math.log(2 * Math.PI);
            }
        };
    }
}
#elseif( $kind == "model" )
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.model.EnergyModelProvider;
import org.ebm4j.api.param.Init;
import org.ebm4j.api.param.Parameters;
import org.ebm4j.api.tensor.Tensor;

/** {@code model.type = ${name}}: {@code E(x) = w₂ᵀ softplus(W₁x + b₁) + ½ a‖x‖²}, one hidden layer of {@code hidden} units. */
@Extension
public class ${className}Provider implements EnergyModelProvider {

    @Override
    public String name() {
        return "${name}";
    }

    @Override
    public String description() {
        return "One-hidden-layer energy with a quadratic confinement (replace with your model)";
    }

    @Override
    public EnergyModel create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int hidden = r.intAtLeast(settings, "hidden", 1);
        r.throwIfAny();
        int d = context.dimension();
        Parameters p = Parameters.builder(Tensor.DEFAULT_TYPE)
                .add("w1", Init.UNIFORM_FAN_IN, d, hidden).add("b1", Init.ZEROS, 1, hidden)
                .add("w2", Init.UNIFORM_FAN_IN, hidden, 1).add("a", 0.5, 1, 1)
                .build(context.random());
        return new EnergyModel() {
            @Override
            public Tensor energy(Tensor x) {
                Tensor h = x.matmul(p.get("w1")).add(p.get("b1")).softplus();
                return h.matmul(p.get("w2")).reshape(x.rows()).add(x.square().sum(1).mul(p.get("a").reshape(1)).mul(0.5));
            }

            @Override
            public int dimension() {
                return d;
            }

            @Override
            public Parameters parameters() {
                return p;
            }
        };
    }
}
#elseif( $kind == "data" )
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.DataSourceProvider;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.tensor.Tensor;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code data.type = ${name}}: points on a ring of {@code radius} with Gaussian noise of {@code noise}, in 2-D. */
@Extension
public class ${className}Provider implements DataSourceProvider {

    @Override
    public String name() {
        return "${name}";
    }

    @Override
    public String description() {
        return "A noisy ring in 2-D (replace with your data)";
    }

    @Override
    public DataSource create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        double radius = r.positiveDouble(settings, "radius");
        double noise = r.nonNegativeDouble(settings, "noise");
        int train = r.intAtLeast(settings, "train-size", 1);
        int test = r.intAtLeast(settings, "test-size", 1);
        r.throwIfAny();
        return random -> new Dataset("${name}", ring(train, radius, noise, random.split("train")), ring(test, radius, noise, random.split("test")));
    }

    private static INDArray ring(int n, double radius, double noise, RandomSource random) {
        INDArray angle = random.uniform(0, 2 * Math.PI, DataType.DOUBLE, n, 1).array();
        INDArray points = Nd4j.hstack(org.nd4j.linalg.ops.transforms.Transforms.cos(angle, true),
                org.nd4j.linalg.ops.transforms.Transforms.sin(angle, true)).muli(radius);
        return points.addi(random.normal(DataType.DOUBLE, n, 2).array().muli(noise)).castTo(Tensor.DEFAULT_TYPE);
    }
}
#elseif( $kind == "listener" )
import java.util.Map;
import org.ebm4j.api.training.TrainingControl;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.api.training.TrainingListenerProvider;

/**
 * {@code listeners = [ { type = ${name} } ]}: stops training once the first loss has not improved by
 * {@code min-improvement} for {@code patience} steps. A listener sees every step's numbers, every published metric
 * and every checkpoint, and may stop or fail the run; replace this with yours.
 */
@Extension
public class ${className}Provider implements TrainingListenerProvider {

    @Override
    public String name() {
        return "${name}";
    }

    @Override
    public String description() {
        return "Stops training when the loss stalls (replace with your listener)";
    }

    @Override
    public TrainingListener create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int patience = r.intAtLeast(settings, "patience", 1);
        double minImprovement = r.nonNegativeDouble(settings, "min-improvement");
        r.throwIfAny();
        return new TrainingListener() {
            private double best = Double.POSITIVE_INFINITY;
            private int stale;

            @Override
            public void onStep(long step, Map<String, Double> metrics, TrainingControl control) {
                double loss = metrics.entrySet().stream().filter(e -> e.getKey().startsWith("loss/"))
                        .mapToDouble(Map.Entry::getValue).findFirst().orElse(Double.NaN);
                if (loss < best - minImprovement) {
                    best = loss;
                    stale = 0;
                } else if (++stale >= patience) {
                    control.stop("${name}: the loss did not improve by " + minImprovement + " for " + patience + " steps");
                }
            }
        };
    }
}
#else
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.eval.EvaluatorProvider;
import org.ebm4j.api.tensor.Tensor;

/** {@code evaluators = [ { type = ${name} } ]}: the mean energy of the test data and of {@code noise-draws} Gaussian draws. */
@Extension
public class ${className}Provider implements EvaluatorProvider {

    @Override
    public String name() {
        return "${name}";
    }

    @Override
    public String description() {
        return "Mean energy of the test data against Gaussian draws (replace with your evaluation)";
    }

    @Override
    public Evaluator create(Config settings, ComponentContext context) {
        SettingsReader r = new SettingsReader();
        int draws = r.intAtLeast(settings, "noise-draws", 1);
        r.throwIfAny();
        return ctx -> {
            Tensor test = Tensor.constant(ctx.data().test().castTo(ctx.model().dataType()));
            double dataEnergy = ctx.model().energy(test).mean().item();
            double noiseEnergy = ctx.model().energy(ctx.random().normal(ctx.model().dataType(), draws, test.columns())).mean().item();
            return new Evaluation(Map.of("test-energy", dataEnergy, "noise-energy", noiseEnergy), List.<Path>of());
        };
    }
}
#end
