package org.ebm4j.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.ebm4j.runtime.cli.Cli;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and mistaken experiment files, each through {@code ebm check} (and {@code ebm run} where a problem could
 * only show while training): exit 2, the key, the file and what is allowed; never a stack trace, and nothing ever
 * created outside {@code --out}.
 */
class HostileConfigsTest {

    @TempDir
    static Path dir;

    static Cli cli;

    static final String BASE = """
            data { type = test-gaussian }
            model { type = test-quadratic }
            objective { type = mean-energy }
            train { steps = 30, batch-size = 32, log-every = 10, checkpoint-every = 10,
                    optimizer { type = sgd, learning-rate = 0.1 } }
            """;

    @BeforeAll
    static void plugins() throws IOException {
        cli = new Cli(Files.createDirectories(dir.resolve("cli")));
    }

    /** {description, text appended to BASE, fragments the message must contain}. */
    static Stream<Arguments> configs() {
        List<Arguments> all = new ArrayList<>();
        // syntax and structure
        all.add(Arguments.of("unclosed brace", "train { steps = 30", List.of("(syntax)", "case.conf")));
        all.add(Arguments.of("assignment without key", "= 3", List.of("(syntax)", "case.conf")));
        all.add(Arguments.of("data not a section", "data = 5", List.of("data")));
        all.add(Arguments.of("data removed", "data = null", List.of("data: is missing", "test-gaussian")));
        all.add(Arguments.of("model removed", "model = null", List.of("model: is missing", "test-quadratic")));
        all.add(Arguments.of("misspelt data", "data.type = tst-gaussian", List.of("data.type", "did you mean 'test-gaussian'")));
        all.add(Arguments.of("unknown model", "model.type = nope", List.of("model.type", "Unknown model 'nope'", "test-quadratic")));
        all.add(Arguments.of("unknown sampler", "sampler.type = nope", List.of("sampler.type", "Unknown sampler 'nope'")));
        all.add(Arguments.of("unknown section", "foo = 1", List.of("foo", "is not an experiment setting")));
        all.add(Arguments.of("train not a section", "train = 5", List.of("train", "must be a section")));
        all.add(Arguments.of("unknown train key", "train.stepz = 3", List.of("train.stepz", "is not a setting", "steps")));
        // numbers: range and integrality, never clamped
        all.add(Arguments.of("negative steps", "train.steps = -1", List.of("train.steps", ">= 0, got -1")));
        all.add(Arguments.of("steps beyond a long", "train.steps = 1e20", List.of("train.steps", "out of range")));
        all.add(Arguments.of("fractional steps", "train.steps = 64.5", List.of("train.steps", "whole number, got 64.5")));
        all.add(Arguments.of("steps as words", "train.steps = ten", List.of("train.steps", "wrong type")));
        all.add(Arguments.of("zero batch", "train.batch-size = 0", List.of("train.batch-size", ">= 1, got 0")));
        all.add(Arguments.of("fractional batch", "train.batch-size = 64.5", List.of("train.batch-size", "whole number, got 64.5")));
        all.add(Arguments.of("batch too large for memory", "train.batch-size = 2147483647", List.of("train.batch-size", "ND4J memory")));
        all.add(Arguments.of("batch beyond an int", "train.batch-size = 2147483648", List.of("train.batch-size", "between 1 and 2147483647")));
        all.add(Arguments.of("zero log-every", "train.log-every = 0", List.of("train.log-every", ">= 1")));
        all.add(Arguments.of("negative checkpoint-every", "train.checkpoint-every = -1", List.of("train.checkpoint-every", ">= 0")));
        all.add(Arguments.of("negative keep-checkpoints", "train.keep-checkpoints = -1", List.of("train.keep-checkpoints", ">= 0")));
        all.add(Arguments.of("fractional eval-every", "train.eval-every = 1.5", List.of("train.eval-every", "whole number")));
        all.add(Arguments.of("seed beyond a long", "seed = 1e30", List.of("seed", "out of range")));
        all.add(Arguments.of("fractional seed", "seed = 1.5", List.of("seed", "whole number")));
        all.add(Arguments.of("seed as words", "seed = abc", List.of("seed", "wrong type")));
        all.add(Arguments.of("fractional data size", "data.train-size = 100.5", List.of("data.train-size", "whole number")));
        // the optimiser group
        all.add(Arguments.of("unknown optimiser", "train.optimizer.type = adamw", List.of("train.optimizer.type", "Unknown optimizer 'adamw'", "adam")));
        all.add(Arguments.of("negative learning rate", "train.optimizer.learning-rate = -1", List.of("train.optimizer.learning-rate", ">= 0")));
        all.add(Arguments.of("learning rate as text", "train.optimizer.learning-rate = fast", List.of("train.optimizer.learning-rate", "wrong type")));
        all.add(Arguments.of("misspelt learning rate", "train.optimizer.learningrate = 5", List.of("train.optimizer.learningrate", "learning-rate")));
        all.add(Arguments.of("misspelt key with a type", "train.optimizer { type = adam, learningrate = 5 }", List.of("train.optimizer.learningrate")));
        all.add(Arguments.of("unknown updater option", "train.optimizer.options { beta9 = 1 }", List.of("train.optimizer", "beta9")));
        all.add(Arguments.of("unknown schedule", "train.optimizer.schedule { type = cosine }", List.of("train.optimizer", "cosine")));
        all.add(Arguments.of("negative weight decay", "train.optimizer.weight-decay = -1", List.of("train.optimizer.weight-decay", ">= 0")));
        all.add(Arguments.of("optimiser as a name", "train.optimizer = adam", List.of("train.optimizer", "wrong type")));
        // early stopping
        all.add(Arguments.of("validation fraction 1", "train.early-stopping { enabled = true, validation-fraction = 1 }",
                List.of("train.early-stopping.validation-fraction", "below 1")));
        all.add(Arguments.of("zero patience", "train.early-stopping.patience = 0", List.of("train.early-stopping.patience", ">= 1")));
        all.add(Arguments.of("enabled maybe", "train.early-stopping.enabled = maybe", List.of("train.early-stopping.enabled", "wrong type")));
        // names: one folder under --out
        all.add(Arguments.of("absolute name", "name = \"/abs\"", List.of("name", "plain folder name")));
        all.add(Arguments.of("parent name", "name = \"../..\"", List.of("name", "plain folder name")));
        all.add(Arguments.of("dot-dot name", "name = \"..\"", List.of("name", "plain folder name")));
        all.add(Arguments.of("NUL in name", "name = \"a\\u0000b\"", List.of("name", "plain folder name", "a?b")));
        all.add(Arguments.of("separator in name", "name = \"a/b\"", List.of("name", "plain folder name")));
        all.add(Arguments.of("hidden name", "name = \".hidden\"", List.of("name", "not starting with '.'")));
        all.add(Arguments.of("empty name", "name = \"\"", List.of("name", "plain folder name")));
        all.add(Arguments.of("overlong name", "name = \"" + "x".repeat(101) + "\"", List.of("name", "at most 100")));
        all.add(Arguments.of("name as a list", "name = [a, b]", List.of("name", "wrong type")));
        // components' own settings
        all.add(Arguments.of("unknown data setting", "data.meen = 1", List.of("data.meen", "its settings")));
        all.add(Arguments.of("poisoned data", "data.poison = true", List.of("data", "NaN or infinite")));
        all.add(Arguments.of("nested sampler unknown", "objective { type = test-nested, sampler.type = nope }",
                List.of("objective.sampler.type", "Unknown sampler 'nope'")));
        all.add(Arguments.of("nested sampler's unknown setting", "objective { type = test-nested, sampler { stepz = 3 } }",
                List.of("objective.sampler.stepz", "steps")));
        all.add(Arguments.of("batch beyond the objective's capacity", "objective { type = test-picky, capacity = 10 }",
                List.of("objective", "10")));
        all.add(Arguments.of("batch beyond the objective's default capacity", "objective { type = test-picky }\ntrain.batch-size = 200",
                List.of("objective", "case.conf")));
        // evaluators and listeners
        all.add(Arguments.of("evaluators not a list", "evaluators = 5", List.of("evaluators", "must be a list")));
        all.add(Arguments.of("unknown evaluator", "evaluators = [ { type = nope } ]", List.of("evaluators[0].type", "Unknown evaluator 'nope'")));
        all.add(Arguments.of("misspelt evaluator setting", "evaluators = [ { type = test-mean-energy, scael = 2 } ]",
                List.of("evaluators[0].scael", "scale")));
        all.add(Arguments.of("repeated evaluator label", "evaluators = [ { type = test-mean-energy, label = a }, { type = test-mean-energy, label = a } ]",
                List.of("evaluators[1].label")));
        all.add(Arguments.of("unknown listener", "listeners = [ nope ]", List.of("listeners[0]", "nope")));
        // substitutions
        all.add(Arguments.of("missing substitution", "train.steps = ${NOT_SET_ANYWHERE_EBM}", List.of("NOT_SET_ANYWHERE_EBM")));
        all.add(Arguments.of("self-referential substitution", "a-b = ${a-b}\ntrain.steps = ${a-b}", List.of("a-b")));
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void everyBadConfigurationIsExitTwoWithAMessageNamingTheKey(String what, String extra, List<String> fragments) throws IOException {
        Path file = Files.writeString(dir.resolve("case.conf"), BASE + extra + "\n", StandardCharsets.UTF_8);
        int code = cli.ebm("check", file.toString());
        assertThat(code).as(what + ": " + cli.err).isEqualTo(2);
        for (String f : fragments) {
            assertThat(cli.err).as(what).contains(f);
        }
        assertThat(cli.err).as(what + ": no stack trace").doesNotContain("\tat ").doesNotContain("Exception:");
        assertThat(cli.err).as(what + ": the user's file, not a plugin's defaults").doesNotContain("reference.conf");
    }

    /** The same mistakes through {@code --set}, and files that are not experiment files at all. */
    static Stream<Arguments> commandLines() throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.conf"), "");
        Path binary = Files.write(dir.resolve("binary.conf"), new byte[] {0, (byte) 0xff, 0x13, '{', '{', 0x7f, (byte) 0xc3});
        Path folder = Files.createDirectories(dir.resolve("folder.conf"));
        return Stream.of(
                Arguments.of(List.of("--set", "train.steps"), List.of("--set train.steps", "key=value")),
                Arguments.of(List.of("--set", "train.steps=[1"), List.of("--set train.steps=[1", "not valid HOCON")),
                Arguments.of(List.of("--set", "train.optimizer.learningrate=5"), List.of("train.optimizer.learningrate", "learning-rate")),
                Arguments.of(List.of("--set", "train.batch-size=64.5"), List.of("train.batch-size", "whole number")),
                Arguments.of(List.of("--set", "seed=1e30"), List.of("seed", "out of range")),
                Arguments.of(List.of("FILE:" + empty), List.of("data: is missing", "model: is missing")),
                Arguments.of(List.of("FILE:" + binary), List.of("binary.conf")),
                Arguments.of(List.of("FILE:" + folder), List.of("folder.conf", "no such file")),
                Arguments.of(List.of("FILE:" + dir.resolve("absent.conf")), List.of("absent.conf", "no such file")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void badCommandLinesAndFilesAreExitTwo(List<String> args, List<String> fragments) throws IOException {
        Path base = Files.writeString(dir.resolve("base.conf"), BASE);
        List<String> all = new ArrayList<>(List.of("check"));
        if (args.get(0).startsWith("FILE:")) {
            all.add(args.get(0).substring(5));
        } else {
            all.add(base.toString());
            all.addAll(args);
        }
        assertThat(cli.ebm(all.toArray(String[]::new))).as(args + ": " + cli.err).isEqualTo(2);
        fragments.forEach(f -> assertThat(cli.err).as(args.toString()).contains(f));
        assertThat(cli.err).doesNotContain("\tat ");
    }

    /** Names that would leave --out never create anything outside it, through `run` as well as `check`. */
    @Test
    void noNameCreatesAFolderOutsideOut() throws IOException {
        Path out = Files.createDirectories(dir.resolve("sandbox").resolve("out"));
        for (String name : List.of("/abs", "../..", "..", "../escape", "a/../../b")) {
            Path file = Files.writeString(dir.resolve("named.conf"), BASE + "name = \"" + name + "\"\n");
            assertThat(cli.ebm("run", file.toString(), "--out", out.toString())).as(name).isEqualTo(2);
        }
        try (Stream<Path> s = Files.list(dir.resolve("sandbox"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactly("out");
        }
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s).isEmpty();
        }
        // a file name that is not a folder name becomes a safe one
        Path odd = Files.writeString(dir.resolve("my exp (v2).conf"), BASE.replace("steps = 30", "steps = 2"));
        assertThat(cli.ebm("run", odd.toString(), "--out", out.toString())).as(cli.err).isZero();
        assertThat(out.resolve("my-exp--v2-")).isDirectory();
    }
}
