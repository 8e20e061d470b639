package org.ebm4j.runtime.evaluate;

import com.google.inject.Injector;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ebm4j.api.ConfigException;
import org.ebm4j.api.eval.Evaluation;
import org.ebm4j.api.eval.EvaluationContext;
import org.ebm4j.api.eval.Evaluator;
import org.ebm4j.api.tensor.GradMode;
import org.ebm4j.api.tensor.TensorScope;
import org.ebm4j.runtime.config.ComponentSpec;
import org.ebm4j.runtime.config.ExperimentLoader;
import org.ebm4j.runtime.config.ExperimentSpec;
import org.ebm4j.runtime.experiment.Experiment;
import org.ebm4j.runtime.experiment.RandomStreams;
import org.ebm4j.runtime.run.AtomicFiles;
import org.ebm4j.runtime.run.RunFolder;
import org.ebm4j.runtime.run.RunSource;
import org.ebm4j.runtime.run.Runs;
import org.ebm4j.runtime.training.TrainingState;
import org.ebm4j.runtime.wiring.ExperimentModule;
import org.ebm4j.runtime.wiring.Injection;

/**
 * {@code ebm evaluate}: builds the source's experiment with the requested evaluators (or its own), puts the trained
 * parameters back, runs each evaluator once, and writes {@code evaluation.json} and the evaluator's files into
 * {@code evaluations/<label>-<time>/} of the run folder (of {@code ./evaluations/<experiment>/} for an experiment file).
 */
public final class Evaluating {

    /** One evaluator's results: its label, where they went, and the evaluation. */
    public record Result(String label, Path folder, Evaluation evaluation) {}

    private final Injector injector;
    private final ExperimentLoader loader;

    public Evaluating(Injector injector) {
        this.injector = injector;
        this.loader = injector.getInstance(ExperimentLoader.class);
    }

    public List<Result> run(EvaluateRequest request) {
        RunSource source = RunSource.of(request.source());
        ExperimentSpec spec = loader.load(withEvaluators(source, request), source.origin(), request.overrides());
        if (spec.evaluators().isEmpty()) {
            throw new ConfigException("evaluators", source.origin().toString(), "is empty: name evaluators with --evaluator NAME "
                    + "(bin/ebm plugins lists them)");
        }
        Experiment experiment = Injection.get(Injection.child(injector, new ExperimentModule(spec)), Experiment.class);
        source.checkpoint().ifPresent(c -> new TrainingState(experiment.model(), experiment.objective(), experiment.streams(),
                Optional.empty()).restore(c, TrainingState.Scope.MODEL));
        source.checkpoint().ifPresent(c -> org.ebm4j.runtime.run.Provenance.dataChanged(c.provenance(), experiment.data().coordinates())
                .ifPresent(m -> org.slf4j.LoggerFactory.getLogger(Evaluating.class).warn("{}; the numbers below use today's scaling", m)));
        long step = source.checkpoint().map(c -> c.step()).orElse(0L);
        long seed = request.seed().orElse(spec.seed());
        Path parent = request.out().orElseGet(() -> source.runDir().map(r -> r.resolve("evaluations"))
                .orElse(Path.of("evaluations", spec.name())));
        List<Result> results = new ArrayList<>();
        try (RandomStreams streams = new RandomStreams(seed)) {
            for (ComponentSpec es : spec.evaluators()) {
                Evaluator evaluator = experiment.evaluators().get(es.label());
                Path folder = RunFolder.newFolder(parent, es.label() + "-");
                long t0 = System.nanoTime();
                Evaluation evaluation;
                try (GradMode.Scope off = GradMode.off(); TensorScope scope = TensorScope.open()) {
                    evaluation = evaluator.evaluate(new EvaluationContext(experiment.model(), experiment.data(), step, true, folder,
                            experiment.sampler(), streams.stream("evaluators/" + es.label())));
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("source", request.source().toString());
                report.put("experiment", spec.name());
                report.put("parameters", source.parametersOrigin());
                report.put("label", es.label());
                report.put("evaluator", es.settings().withValue("type", ConfigValueFactory.fromAnyRef(es.type())).root().unwrapped());
                report.put("seed", seed);
                report.put("wall-seconds", seconds);
                evaluation = new Evaluation(experiment.data().coordinates().inDataUnits(evaluation.metrics()), evaluation.files(),
                        evaluation.warnings());
                report.put("metrics", Runs.finite(evaluation.metrics()));
                report.put("units", Runs.units(experiment.data()));
                report.put("warnings", evaluation.warnings());
                report.put("files", evaluation.files().stream().map(p -> p.getFileName().toString()).toList());
                AtomicFiles.writeJson(folder.resolve("evaluation.json"), report);
                results.add(new Result(es.label(), folder, evaluation));
            }
        }
        return results;
    }

    /** The source's configuration with {@code --evaluator}s in place of its own evaluators, if any were given. */
    private static Config withEvaluators(RunSource source, EvaluateRequest request) {
        if (request.evaluators().isEmpty()) {
            return source.config();
        }
        List<ConfigValue> list = new ArrayList<>();
        for (String e : request.evaluators()) {
            String text = e.strip();
            if (text.startsWith("{")) {
                try {
                    list.add(ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription("--evaluator " + text)).root());
                } catch (com.typesafe.config.ConfigException ex) {
                    throw new ConfigException("--evaluator", "command line", "is not a HOCON section: " + ex.getMessage());
                }
            } else {
                list.add(ConfigValueFactory.fromAnyRef(text, "--evaluator " + text));
            }
        }
        return source.config().withValue("evaluators", ConfigValueFactory.fromIterable(list));
    }
}
