package org.ebm4j.runtime.experiment;

import com.typesafe.config.Config;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.EbmException;
import org.ebm4j.api.UnknownComponentException;
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
import org.ebm4j.runtime.config.ComponentSpec;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.config.ExperimentSpec;
import org.ebm4j.runtime.plugin.ComponentKinds;
import org.ebm4j.runtime.plugin.ComponentRegistry;
import org.ebm4j.runtime.plugin.RegisteredProvider;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Creates an experiment's components through their providers: data first (its dimension is everyone's), then
 * the model, objective, sampler and evaluators. Configuration errors of all components are reported together.
 */
public final class ExperimentFactory {

    private final ComponentRegistry registry;
    private final ExperimentLoader loader;

    public ExperimentFactory(ComponentRegistry registry, ExperimentLoader loader) {
        this.registry = registry;
        this.loader = loader;
    }

    public Experiment create(ExperimentSpec spec) {
        RandomStreams streams = new RandomStreams(spec.seed());
        SettingsReader problems = new SettingsReader();

        DataSource source = build(spec.data(), DataSource.class, streams, -1, problems);
        problems.throwIfAny();
        Dataset data = source.load(streams.stream("data"));
        checkFinite(data, spec.data());
        int d = data.dimension();

        EnergyModel model = build(spec.model(), EnergyModel.class, streams, d, problems);
        Optional<Objective> objective = spec.objective().map(o -> build(o, Objective.class, streams, d, problems));
        Optional<Sampler> sampler = spec.sampler().map(s -> build(s, Sampler.class, streams, d, problems));
        List<Evaluator> evaluators = new ArrayList<>();
        for (ComponentSpec e : spec.evaluators()) {
            evaluators.add(build(e, Evaluator.class, streams, d, problems));
        }
        if (model != null && model.dimension() != d) {
            problems.add(spec.model().settings(), spec.model().path(), "the model takes dimension " + model.dimension()
                    + " but data '" + data.name() + "' has dimension " + d);
        }
        problems.throwIfAny();
        return new Experiment(spec, data, model, objective, sampler, List.copyOf(evaluators), streams);
    }

    private static void checkFinite(Dataset data, ComponentSpec spec) {
        for (INDArray part : List.of(data.train(), data.test())) {
            if (part.isNaN().any() || part.isInfinite().any()) {
                throw new ConfigException(spec.path(), spec.settings().origin().description(),
                        "data '" + data.name() + "' contains NaN or infinite values");
            }
        }
    }

    private <T> T build(ComponentSpec spec, Class<T> type, RandomStreams streams, int dimension, SettingsReader problems) {
        RandomSource random = streams.stream(spec.path());
        ComponentContext context = new Context(dimension, random, streams, spec.path(), spec.settings(), spec.path());
        try {
            Object component = spec.provider().provider().create(spec.settings(), context);
            if (!type.isInstance(component)) {
                throw new EbmException("The " + spec.kind().key() + " provider '" + spec.type() + "' returned "
                        + (component == null ? "null" : component.getClass().getName()) + ", not a " + type.getSimpleName());
            }
            return type.cast(component);
        } catch (ConfigException e) {
            for (ConfigException.Problem p : e.problems()) {
                String key = p.key().startsWith(spec.path()) ? p.key() : spec.path() + "." + p.key();
                problems.add(key, p.origin(), p.message());
            }
            return null;
        }
    }

    /** What providers see; nested components get streams under their parent's role. */
    private final class Context implements ComponentContext {
        private final int dimension;
        private final RandomSource random;
        private final RandomStreams streams;
        private final String role;
        private final Config settings;  // the component's own, to name its nested components' keys
        private final String shownPath;
        private int children;

        Context(int dimension, RandomSource random, RandomStreams streams, String role, Config settings, String shownPath) {
            this.dimension = dimension;
            this.random = random;
            this.streams = streams;
            this.role = role;
            this.settings = settings;
            this.shownPath = shownPath;
        }

        /** Where {@code spec} sits in the experiment, e.g. {@code objective.sampler}, found among the settings' entries. */
        private String pathOf(Config spec) {
            for (var e : settings.root().entrySet()) {
                if (e.getValue().equals(spec.root())) {
                    return shownPath + "." + e.getKey();
                }
            }
            return shownPath + ".(nested " + role + ")";
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
            return random;
        }

        @Override
        public <T> T create(Class<T> kind, Config spec) {
            ComponentKind k = ComponentKinds.ofComponent(kind);
            String childRole = role + "/" + k.key() + "-" + (children++);
            String childPath = pathOf(spec);
            if (!spec.hasPath("type")) {
                throw new ConfigException(childPath + ".type", spec.origin().description(), "is missing; available "
                        + k.key() + "s: " + String.join(", ", registry.names(k)));
            }
            String name = spec.getString("type");
            RegisteredProvider provider;
            try {
                provider = registry.provider(k, name);
            } catch (UnknownComponentException e) {
                throw new ConfigException(childPath + ".type", spec.origin().description(), e.getMessage());
            }
            Config defaults = loader.defaultsOf(provider);
            Config own = spec.withoutPath("type");
            SettingsReader problems = new SettingsReader();
            org.ebm4j.runtime.config.UnknownSettings.report(problems, own, defaults, childPath, k.key() + " '" + name + "'");
            problems.throwIfAny();
            Config merged = own.withFallback(defaults);
            Object c = provider.provider().create(merged, new Context(dimension, streams.stream(childRole), streams, childRole, merged, childPath));
            return kind.cast(c);
        }
    }
}
