package org.ebm4j.runtime.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.ebm4j.api.EbmException;
import org.ebm4j.runtime.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checkpoints written by earlier versions stay readable: for each format there is a golden run (its config.conf and
 * step-10 checkpoint, as that version wrote them) and the step-20 checkpoint of the same run uninterrupted. This
 * version must resume the golden run and end with exactly the uninterrupted run's parameters.
 */
class GoldenCheckpointsTest {

    @TempDir
    Path dir;

    private static Path golden(String name) throws URISyntaxException {
        return Path.of(GoldenCheckpointsTest.class.getResource("/golden/" + name).toURI());
    }

    @ParameterizedTest(name = "format {0}")
    @ValueSource(ints = {1, 2})
    void aGoldenRunOfEveryFormatIsReadAndResumedExactly(int format) throws Exception {
        Path source = golden("format-" + format);
        Checkpoint midway = CheckpointStore.read(source.resolve("run/checkpoints/step-000000010.ckpt"));
        assertThat(midway.step()).isEqualTo(10);
        assertThat(midway.parameters()).containsKey("model");
        assertThat(midway.optimizers().get("model").iteration()).isEqualTo(10);
        if (format >= 2) {
            assertThat(midway.provenance()).containsKeys("ebm4j", "spi", "plugins", "java", "seed");
            assertThat(midway.objectiveState()).containsKeys("buffer", "seen");
        }

        Cli cli = new Cli(dir);
        Path run = Files.createDirectories(dir.resolve("run").resolve("checkpoints"));
        Files.copy(source.resolve("run/config.conf"), run.getParent().resolve("config.conf"));
        Files.copy(source.resolve("run/checkpoints/step-000000010.ckpt"), run.resolve("step-000000010.ckpt"));
        assertThat(cli.ebm("resume", run.getParent().toString())).as(cli.err).isZero();

        Checkpoint resumed = CheckpointStore.read(run.resolve("step-000000020.ckpt"));
        Checkpoint uninterrupted = CheckpointStore.read(source.resolve("step-000000020-uninterrupted.ckpt"));
        // bit for bit on the machine that wrote them; another CPU's vector kernels may round the last bit differently
        assertClose(resumed.parameters().get("model"), uninterrupted.parameters().get("model"));
        assertClose(resumed.optimizers().get("model").updaterState(), uninterrupted.optimizers().get("model").updaterState());
        assertThat(resumed.objectiveState().keySet()).isEqualTo(uninterrupted.objectiveState().keySet());
        resumed.objectiveState().forEach((k, v) -> assertClose(v, uninterrupted.objectiveState().get(k)));
        assertThat(resumed.optimizers().get("model").iteration()).isEqualTo(20);
    }

    private static void assertClose(org.nd4j.linalg.api.ndarray.INDArray actual, org.nd4j.linalg.api.ndarray.INDArray expected) {
        assertThat(actual.shape()).isEqualTo(expected.shape());
        double[] a = actual.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        double[] e = expected.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).data().asDouble();
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i]).as("value %d", i).isCloseTo(e[i], org.assertj.core.api.Assertions.within(1e-5 * Math.max(1, Math.abs(e[i]))));
        }
    }

    @Test
    void theGoldenFilesOfThisVersionsFormatExist() throws Exception {
        assertThat(golden("format-" + CheckpointStore.FORMAT).resolve("step-000000020-uninterrupted.ckpt")).isRegularFile();
    }

    @Test
    void aCheckpointOfANewerFormatIsRefusedNotMisread() throws Exception {
        Path newer = withFormat("\"format\" : 99");
        assertThatThrownBy(() -> CheckpointStore.read(newer)).isInstanceOf(EbmException.class)
                .hasMessageContaining("format 99, written by a newer ebm4j").hasMessageContaining("formats 1 to " + CheckpointStore.FORMAT);
        Path none = withFormat("\"formt\" : 2");
        assertThatThrownBy(() -> CheckpointStore.read(none)).isInstanceOf(EbmException.class)
                .hasMessageContaining("no valid format number");
    }

    /** A copy of this format's golden checkpoint whose {@code "format" : N} is replaced by {@code replacement}. */
    private Path withFormat(String replacement) throws IOException, URISyntaxException {
        Path original = golden("format-" + CheckpointStore.FORMAT).resolve("step-000000020-uninterrupted.ckpt");
        Path copy = dir.resolve("edited.ckpt");
        try (ZipFile zip = new ZipFile(original.toFile()); OutputStream out = Files.newOutputStream(copy);
             ZipOutputStream z = new ZipOutputStream(out)) {
            for (ZipEntry e : java.util.Collections.list(zip.entries())) {
                z.putNextEntry(new ZipEntry(e.getName()));
                try (InputStream in = zip.getInputStream(e)) {
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().equals("checkpoint.json")) {
                        bytes = new String(bytes, java.nio.charset.StandardCharsets.UTF_8)
                                .replaceFirst("\"format\" : \\d+", replacement).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    }
                    z.write(bytes);
                }
                z.closeEntry();
            }
        }
        return copy;
    }
}
