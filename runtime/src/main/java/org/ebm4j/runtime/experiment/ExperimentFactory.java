package org.ebm4j.runtime.experiment;

import com.google.inject.Inject;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.EbmException;
import org.ebm4j.api.component.ComponentContext;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.component.SettingsReader;
import org.ebm4j.api.data.DataSource;
import org.ebm4j.api.data.Dataset;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.model.EnergyModel;
import org.ebm4j.api.objective.Objective;
import org.ebm4j.api.random.RandomSource;
import org.ebm4j.api.sampler.Sampler;
import org.ebm4j.api.training.TrainingListener;
import org.ebm4j.runtime.config.ComponentResolver;
import org.ebm4j.runtime.config.ComponentSpec;
import org.ebm4j.runtime.config.ExperimentSpec;
import org.ebm4j.runtime.plugin.ComponentKinds;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Creates an experiment's components through their providers: data first (its dimension is everyone's), then the
 * model, objective, sampler, evaluators and listeners, each nested component from its resolved section; then checks
 * them against each other ({@code Objective.check}, {@code Sampler.check}, {@code Evaluator.check}), so that what
 * would fail at step 1 fails before a run folder exists. Configuration errors of all components are reported together.
 */
public final class ExperimentFactory {

    private final ComponentResolver resolver;

    @Inject
    public ExperimentFactory(ComponentResolver resolver) {
        this.resolver = resolver;
    }

    public Experiment create(ExperimentSpec spec) {
        RandomStreams streams = new RandomStreams(spec.seed());
        SettingsReader problems = new SettingsReader();

        DataSource source = build(spec.data(), DataSource.class, spec, streams, -1, List.of(), problems);
        problems.throwIfAny();
        Dataset data;
        try {
            data = source.load(streams.stream("data"));
        } catch (ConfigException e) {
            SettingsReader r = new SettingsReader();
            prefixed(spec.data().path(), r).accept(e);
            r.throwIfAny();
            throw e;
        } catch (RuntimeException e) {
            throw pluginFailure(spec.data(), "loading its data", e);
        }
        checkFinite(data, spec.data());
        int d = data.dimension();
        List<Integer> shape = data.rowShape();
        checkBatchFits(spec, d);

        EnergyModel model = build(spec.model(), EnergyModel.class, spec, streams, d, shape, problems);
        Optional<Objective> objective = spec.objective().map(o -> build(o, Objective.class, spec, streams, d, shape, problems));
        Optional<Sampler> sampler = spec.sampler().map(s -> build(s, Sampler.class, spec, streams, d, shape, problems));
        Map<String, Evaluator> evaluators = new LinkedHashMap<>();
        for (ComponentSpec e : spec.evaluators()) {
            evaluators.put(e.label(), build(e, Evaluator.class, spec, streams, d, shape, problems));
        }
        List<TrainingListener> listeners = new ArrayList<>();
        for (ComponentSpec l : spec.listeners()) {
            listeners.add(build(l, TrainingListener.class, spec, streams, d, shape, problems));
        }
        problems.throwIfAny();
        Experiment experiment = new Experiment(spec, data, model, objective, sampler, evaluators, listeners, streams);
        check(experiment, problems);
        problems.throwIfAny();
        return experiment;
    }

    /** The components' own checks against the model and data they will get, and the runtime's. */
    private static void check(Experiment e, SettingsReader problems) {
        ExperimentSpec spec = e.spec();
        if (e.model().dimension() != e.data().dimension()) {
            problems.add("model", spec.source().toString(), "it takes dimension " + e.model().dimension() + " but data '"
                    + e.data().name() + "' has dimension " + e.data().dimension());
        }
        var stopping = spec.train().earlyStopping();
        long trainRows = e.data().train().rows();
        if (stopping.enabled() && Math.max(1, Math.round(stopping.validationFraction() * trainRows)) >= trainRows) {
            problems.add("train.early-stopping.validation-fraction", spec.source().toString(), "holds out every one of the "
                    + trainRows + " training rows; leave some to train on");
        }
        e.objective().ifPresent(o -> checked(spec.objective().get(), problems,
                () -> o.check(e.model(), e.data(), spec.train().batchSize())));
        e.sampler().ifPresent(s -> checked(spec.sampler().get(), problems, () -> s.check(e.model())));
        for (ComponentSpec es : spec.evaluators()) {
            checked(es, problems, () -> e.evaluators().get(es.label()).check(e.model(), e.data()));
        }
    }

    private static void checked(ComponentSpec spec, SettingsReader problems, Runnable check) {
        try {
            check.run();
        } catch (ConfigException ex) {
            // a check knows the key, not the file: the spec's settings know where each key was set
            List<ConfigException.Problem> located = ex.problems().stream().map(p -> new ConfigException.Problem(p.key(),
                    spec.origin(p.origin() == null || p.origin().isBlank() ? SettingsReader.originOf(spec.settings(), p.key()) : p.origin()),
                    p.message())).toList();
            prefixed(spec.path(), problems).accept(new ConfigException(located));
        }
    }

    private static Consumer<ConfigException> prefixed(String path, SettingsReader problems) {
        return ex -> {
            for (ConfigException.Problem p : ex.problems()) {
                String key = p.key().equals(path) || p.key().startsWith(path + ".") ? p.key() : path + "." + p.key();
                problems.add(key, p.origin(), p.message());
            }
        };
    }

    /** Problems a component found, placed in the user's file rather than in a plugin's defaults. */
    private static ConfigException located(ComponentSpec spec, ConfigException e) {
        return new ConfigException(e.problems().stream().map(p -> new ConfigException.Problem(p.key(), spec.origin(p.origin()), p.message())).toList());
    }

    /** A provider that threw: named with the jar it came from, so its author can be told. */
    private static EbmException pluginFailure(ComponentSpec spec, String doing, Throwable e) {
        var source = spec.provider().getClass().getProtectionDomain().getCodeSource();
        String jar = source == null || source.getLocation() == null ? "" : " (from " + source.getLocation().getPath() + ")";
        return new EbmException("The " + spec.kind().key() + " '" + spec.type() + "' at " + spec.path() + jar + " failed while "
                + doing + ": " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                + ". This is a fault of that plugin, not of your settings; tell its author", e);
    }

    /**
     * A batch that cannot fit in ND4J's off-heap memory fails at the first step with an allocation error; it is a
     * setting problem, caught here (a step holds many arrays of the batch's size: 16 is a rough, low multiple).
     */
    private static void checkBatchFits(ExperimentSpec spec, int d) {
        if (spec.train() == null) {
            return;
        }
        long batch = spec.train().batchSize();
        long bytes = batch * Math.max(d, 1) * 4L * 16L;
        long limit = org.bytedeco.javacpp.Pointer.maxBytes();
        if (limit > 0 && bytes > limit) {
            throw new ConfigException("train.batch-size", SettingsReader.originOf(spec.resolved(), "train.batch-size"), "= " + batch
                    + " rows of " + d + " values needs about " + (bytes >> 20) + " MB of ND4J memory in a step, more than this JVM "
                    + "allows (" + (limit >> 20) + " MB, -Dorg.bytedeco.javacpp.maxbytes); use a smaller batch");
        }
    }

    /** Whether any value is NaN or infinite, by one reduction (no mask the size of the data). */
    private static boolean nonFinite(INDArray a) {
        var op = new org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition(a, org.nd4j.linalg.indexing.conditions.Conditions.isNan());
        var inf = new org.nd4j.linalg.api.ops.impl.reduce.longer.MatchCondition(a, org.nd4j.linalg.indexing.conditions.Conditions.isInfinite());
        return Nd4j.getExecutioner().exec(op).getLong(0) > 0 || Nd4j.getExecutioner().exec(inf).getLong(0) > 0;
    }

    private static void checkFinite(Dataset data, ComponentSpec spec) {
        for (INDArray part : List.of(data.train(), data.test())) {
            if (nonFinite(part)) {
                throw new ConfigException(spec.path(), spec.declaredAt(), "data '" + data.name() + "' contains NaN or infinite "
                        + "values (in its " + (part == data.train() ? "training" : "test") + " rows); remove or impute them first");
            }
        }
    }

    private <T> T build(ComponentSpec spec, Class<T> type, ExperimentSpec experiment, RandomStreams streams, int dimension,
                        List<Integer> rowShape, SettingsReader problems) {
        try {
            return create(spec, type, experiment.components(), streams, dimension, rowShape);
        } catch (ConfigException e) {
            prefixed(spec.path(), problems).accept(e);
            return null;
        }
    }

    /**
     * Builds one component from its spec; {@code components} (by path) holds the specs of those nested in it, its
     * random stream is {@code streams}' stream of its path. Configuration problems come back as a
     * {@link ConfigException} with keys under {@code spec.path()}.
     */
    public <T> T create(ComponentSpec spec, Class<T> type, Map<String, ComponentSpec> components, RandomStreams streams, int dimension) {
        return create(spec, type, components, streams, dimension, List.of());
    }

    /** {@link #create(ComponentSpec, Class, Map, RandomStreams, int)} for data whose rows are images of {@code rowShape}. */
    public <T> T create(ComponentSpec spec, Class<T> type, Map<String, ComponentSpec> components, RandomStreams streams, int dimension,
                        List<Integer> rowShape) {
        ComponentContext context = new Context(spec, components, streams, dimension, rowShape);
        Object component;
        try {
            component = spec.provider().create(spec.settings(), context);
        } catch (ConfigException e) {
            SettingsReader r = new SettingsReader();
            prefixed(spec.path(), r).accept(located(spec, e));
            r.throwIfAny();
            throw e;
        } catch (EbmException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw pluginFailure(spec, "creating it", e);
        }
        if (!type.isInstance(component)) {
            throw new EbmException("The " + spec.kind().key() + " provider '" + spec.type() + "' returned "
                    + (component == null ? "null" : component.getClass().getName()) + ", not a " + type.getSimpleName());
        }
        return type.cast(component);
    }

    /** What a provider sees: the dimension, its own stream (named by its path), and its nested components. */
    private final class Context implements ComponentContext {
        private final ComponentSpec spec;
        private final Map<String, ComponentSpec> components;
        private final RandomStreams streams;
        private final int dimension;
        private final List<Integer> rowShape;

        Context(ComponentSpec spec, Map<String, ComponentSpec> components, RandomStreams streams, int dimension, List<Integer> rowShape) {
            this.spec = spec;
            this.components = components;
            this.streams = streams;
            this.dimension = dimension;
            this.rowShape = rowShape;
        }

        @Override
        public List<Integer> rowShape() {
            return rowShape;
        }

        @Override
        public int dimension() {
            if (dimension < 0) {
                throw new IllegalStateException("The data dimension is not known while the data source itself is created");
            }
            return dimension;
        }

        @Override
        public RandomSource random() {
            return streams.stream(spec.path());
        }

        @Override
        public <T> T create(Class<T> kind, String key) {
            ComponentKind k = ComponentKinds.ofComponent(kind);
            String path = spec.path() + "." + key;
            ComponentSpec nested = components.containsKey(path) ? components.get(path) : undeclared(k, key, path);
            if (nested.kind() != k) {
                throw new EbmException("The " + spec.kind().key() + " '" + spec.type() + "' asks for a " + k.key() + " at '"
                        + key + "', but its reference.conf declares a " + nested.kind().key() + " there");
            }
            return ExperimentFactory.this.create(nested, kind, components, streams, dimension, rowShape);
        }

        /** A nested component the plugin's defaults do not declare: resolved on its own from the section the user wrote. */
        private ComponentSpec undeclared(ComponentKind kind, String key, String path) {
            Config settings = spec.settings();
            String quoted = ConfigUtil.joinPath(key);
            ConfigValue value = settings.hasPathOrNull(quoted) ? settings.getValue(quoted) : null;
            if (value == null || value.valueType() == ConfigValueType.NULL) {
                throw new ConfigException(key, SettingsReader.originOf(settings, quoted), "is missing: name a " + kind.key()
                        + "; available: " + String.join(", ", resolver.components().names(kind)));
            }
            SettingsReader r = new SettingsReader();
            Config section = value.valueType() == ConfigValueType.OBJECT ? settings.getConfig(quoted)
                    : com.typesafe.config.ConfigFactory.empty().withValue(ComponentResolver.TYPE, value);
            ComponentResolver.Resolution resolved = resolver.resolveSection(kind, section, path, r);
            r.throwIfAny();
            return resolved.components().get(path);
        }
    }
}
