package org.ebm4j.runtime.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ebm4j.runtime.cli.Cli;
import org.ebm4j.runtime.training.CheckpointStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Damaged and crafted checkpoints: reading one is a clear error (exit 2) naming the file and what is wrong, never a
 * stack trace, never a secret from the environment; a run whose newest checkpoint is one of them resumes from the
 * one before, and ends where an untouched run ends.
 */
class CraftedCheckpointsTest {

    @TempDir
    static Path dir;

    static Cli cli;
    static Path run;
    static byte[] good;
    static byte[] finalOfUntouched;

    @BeforeAll
    static void trainOnce() throws IOException {
        cli = new Cli(Files.createDirectories(dir.resolve("cli")));
        Path file = Files.writeString(dir.resolve("gauss.conf"), HostileConfigsTest.BASE);
        assertThat(cli.ebm("run", file.toString(), "--out", dir.resolve("runs").toString())).as(cli.err).isZero();
        try (Stream<Path> s = Files.list(dir.resolve("runs").resolve("gauss"))) {
            run = s.findFirst().orElseThrow();
        }
        good = Files.readAllBytes(run.resolve("checkpoints/step-000000030.ckpt"));
        finalOfUntouched = parameters(run.resolve("checkpoints/step-000000030.ckpt"));
    }

    static byte[] parameters(Path ckpt) throws IOException {
        try (ZipFile z = new ZipFile(ckpt.toFile())) {
            return z.getInputStream(z.getEntry("arrays/parameters/model")).readAllBytes();
        }
    }

    /** The good checkpoint with its entries passed through {@code edit} (name → bytes; null removes). */
    static byte[] rezip(UnaryOperator<Map<String, byte[]>> edit) {
        try {
            Map<String, byte[]> entries = new LinkedHashMap<>();
            Path tmp = Files.write(Files.createTempFile(dir, "src", ".zip"), good);
            try (ZipFile z = new ZipFile(tmp.toFile())) {
                for (ZipEntry e : java.util.Collections.list(z.entries())) {
                    entries.put(e.getName(), z.getInputStream(e).readAllBytes());
                }
            }
            Map<String, byte[]> edited = edit.apply(entries);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                for (Map.Entry<String, byte[]> e : edited.entrySet()) {
                    if (e.getValue() != null) {
                        zip.putNextEntry(new ZipEntry(e.getKey()));
                        zip.write(e.getValue());
                        zip.closeEntry();
                    }
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The good checkpoint with its checkpoint.json changed by {@code edit}. */
    static byte[] meta(java.util.function.Consumer<ObjectNode> edit) {
        return rezip(entries -> {
            try {
                ObjectNode m = (ObjectNode) new ObjectMapper().readTree(entries.get("checkpoint.json"));
                edit.accept(m);
                entries.put("checkpoint.json", new ObjectMapper().writeValueAsBytes(m));
                return entries;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    static byte[] array(org.nd4j.linalg.api.ndarray.INDArray a) {
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(b);
            Nd4j.write(a, out);
            out.flush();
            return b.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Stream<Arguments> crafted() {
        return Stream.of(
                Arguments.of("empty file", new byte[0], "not a readable checkpoint"),
                Arguments.of("random bytes", "this is not a zip at all".getBytes(StandardCharsets.UTF_8), "not a readable checkpoint"),
                Arguments.of("truncated", java.util.Arrays.copyOf(good, good.length / 2), "cannot be used"),
                Arguments.of("no checkpoint.json", rezip(e -> {
                    e.put("checkpoint.json", null);
                    return e;
                }), "no checkpoint.json"),
                Arguments.of("json not an object", rezip(e -> {
                    e.put("checkpoint.json", "[1, 2]".getBytes(StandardCharsets.UTF_8));
                    return e;
                }), "not a JSON object"),
                Arguments.of("json garbage", rezip(e -> {
                    e.put("checkpoint.json", "{ \"format\": 2, ".getBytes(StandardCharsets.UTF_8));
                    return e;
                }), "not a readable checkpoint"),
                Arguments.of("format from the future", meta(m -> m.put("format", 99)), "format 99"),
                Arguments.of("no format", meta(m -> m.remove("format")), "no valid format"),
                Arguments.of("negative step", meta(m -> m.put("step", -5)), "step (-5)"),
                Arguments.of("fractional step", meta(m -> m.put("step", 2.5)), "step (2.5)"),
                Arguments.of("step as text", meta(m -> m.put("step", "ten")), "step"),
                Arguments.of("secret in the config", meta(m -> m.put("config", m.get("config").asText()
                        + "\nleak = ${?AWS_SECRET_ACCESS_KEY}\nleak2 = ${?HOME}\n")), "substitutions"),
                Arguments.of("config not HOCON", meta(m -> m.put("config", "{{{")), "not valid HOCON"),
                Arguments.of("no config", meta(m -> m.remove("config")), "no 'config'"),
                Arguments.of("no parameters section", meta(m -> m.remove("parameters")), "no 'parameters'"),
                Arguments.of("parameters pointing nowhere", meta(m -> ((ObjectNode) m.get("parameters")).put("model", "arrays/none")),
                        "arrays/none is missing"),
                Arguments.of("non-finite parameters", rezip(e -> {
                    e.put("arrays/parameters/model", array(Nd4j.createFromArray(Float.NaN, 1f, Float.POSITIVE_INFINITY, 0f, 1f, 2f)));
                    return e;
                }), "NaN or infinite"),
                Arguments.of("garbage array", rezip(e -> {
                    e.put("arrays/parameters/model", "garbage, not an ND4J array".getBytes(StandardCharsets.UTF_8));
                    return e;
                }), "damaged"),
                Arguments.of("array with an absurd length", rezip(e -> {
                    byte[] a = e.get("arrays/parameters/model").clone();
                    // the data buffer's length field sits after its allocation-mode string: make every long huge
                    for (int i = a.length / 2; i < a.length - 8; i += 8) {
                        a[i] = 0x7f;
                    }
                    e.put("arrays/parameters/model", a);
                    return e;
                }), "cannot be used"),
                Arguments.of("negative optimiser iteration", meta(m -> ((ObjectNode) m.get("optimizers").get("model")).put("iteration", -1)),
                        "iteration"),
                Arguments.of("random stream without a seed", meta(m -> ((ObjectNode) m.get("random").get("data")).remove("seed")), "seed"),
                Arguments.of("no parameters at all", meta(m -> m.set("parameters", new ObjectMapper().createObjectNode())), "no parameters"));
    }

    /** `ebm sample CKPT` on each: exit 2, the file and what is wrong; no stack trace; no environment value read. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crafted")
    void aCraftedCheckpointIsAClearErrorWhenRead(String what, byte[] bytes, String message) throws IOException {
        Path ckpt = Files.write(dir.resolve("crafted-step-000000030.ckpt"), bytes);
        int code = cli.ebm("sample", ckpt.toString(), "--n", "10", "--steps", "2", "--sampler", "test-langevin",
                "--out", dir.resolve("samples").toString());
        assertThat(code).as(what + ": " + cli.err + cli.out).isEqualTo(2);
        assertThat(cli.err).as(what).contains(ckpt.toString()).contains(message).doesNotContain("\tat ");
        String home = System.getenv("HOME");
        if (home != null) {
            assertThat(cli.err + cli.out).as(what + ": nothing from the environment").doesNotContain("leak2");
        }
    }

    /** The same files as the newest checkpoint of a run: resume warns, falls back to step 20, and ends as the untouched run did. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("crafted")
    void resumeFallsBackToTheNewestGoodCheckpoint(String what, byte[] bytes, String message) throws IOException {
        Path copy = dir.resolve("copy-" + Math.abs(what.hashCode()));
        copyTree(run, copy);
        Files.delete(copy.resolve("summary.json")); // as if killed after its last checkpoint was written (and damaged)
        Files.write(copy.resolve("checkpoints/step-000000030.ckpt"), bytes);
        assertThat(cli.ebm("resume", copy.toString())).as(what + ": " + cli.err + cli.out).isZero();
        assertThat(cli.out).as(what).contains("warning: Checkpoint").contains(message).contains("resuming from step-000000020.ckpt");
        assertThat(parameters(copy.resolve("checkpoints/step-000000030.ckpt"))).as(what).isEqualTo(finalOfUntouched);
        assertThat(CheckpointStore.read(copy.resolve("checkpoints/step-000000030.ckpt")).step()).isEqualTo(30);
    }

    /** A step far beyond the run's steps reads as a checkpoint, but is no checkpoint of this run: resume skips it. */
    @org.junit.jupiter.api.Test
    void aStepBeyondTheRunIsSkippedByResume() throws IOException {
        Path copy = dir.resolve("copy-beyond");
        copyTree(run, copy);
        Files.delete(copy.resolve("summary.json"));
        Files.write(copy.resolve("checkpoints/step-000000030.ckpt"), meta(m -> m.put("step", 1_000_000_000_000_000L)));
        assertThat(cli.ebm("resume", copy.toString())).as(cli.err + cli.out).isZero();
        assertThat(cli.out).contains("its step 1000000000000000 is beyond the run's train.steps (30)").contains("resuming from step-000000020.ckpt");
        assertThat(parameters(copy.resolve("checkpoints/step-000000030.ckpt"))).isEqualTo(finalOfUntouched);
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else if (!p.getFileName().toString().equals(".lock")) {
                    Files.copy(p, t);
                }
            }
        }
    }

}
