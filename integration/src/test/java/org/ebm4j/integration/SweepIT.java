package org.ebm4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ebm sweep} through the built {@code bin/ebm}: the same sweep gives the same table with one worker and with two,
 * and a sweep killed with SIGKILL, run again, finishes with that table too.
 */
class SweepIT {

    @TempDir
    Path dir;

    @Test
    void oneWorkerTwoWorkersAndAKilledSweepGiveTheSameTable() throws Exception {
        Path file = TinySweep.write(dir);
        Ebm.Result two = Ebm.run(dir, "sweep", file.toString(), "--out", dir.resolve("two").toString(), "--workers", "2");
        assertThat(two.exitCode()).as(two.output()).isZero();
        assertThat(two.output()).contains("4 of 4 points finished");
        assertThat(dir.resolve("two/sweep.json")).exists();
        Ebm.Result one = Ebm.run(dir, "sweep", file.toString(), "--out", dir.resolve("one").toString(), "--workers", "1");
        assertThat(one.exitCode()).as(one.output()).isZero();
        assertThat(TinySweep.table(one.output())).isEqualTo(TinySweep.table(two.output())).hasSizeGreaterThan(4);

        // kill -9 once the first point has finished, then the same command again
        Path killed = dir.resolve("killed");
        Process p = new ProcessBuilder(Path.of(Ebm.experiment("x")).getParent().getParent().resolve("bin/ebm").toString(), "sweep",
                file.toString(), "--out", killed.toString(), "--workers", "1").redirectErrorStream(true)
                .redirectOutput(dir.resolve("killed.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (summaries(killed) < 1 && System.nanoTime() < deadline && p.isAlive()) {
            Thread.sleep(200);
        }
        assertThat(p.isAlive()).as("the sweep was still running when its first point finished").isTrue();
        p.destroyForcibly().waitFor();
        assertThat(summaries(killed)).isLessThan(4);
        Ebm.Result again = Ebm.run(dir, "sweep", file.toString(), "--out", killed.toString(), "--workers", "1");
        assertThat(again.exitCode()).as(again.output()).isZero();
        assertThat(again.output()).contains("finished before, skipped").contains("4 of 4 points finished");
        assertThat(TinySweep.table(again.output())).isEqualTo(TinySweep.table(two.output()));
    }

    /**
     * The paired bootstrap interval sees what DSM's noise level does: σ = 0.1 against σ = 0.5 on the eight Gaussians,
     * paired over three seeds, is lower with an interval that excludes 0; and the sweep's compare.html opens in a browser
     * with every variant's pictures.
     */
    @Test
    void dsmWithSigmaPoint1BeatsSigmaPoint5AndTheReportShowsBoth() throws Exception {
        Path f = dir.resolve("sigma.conf");
        Files.writeString(f, """
                experiment = "%s"
                seeds = [0, 1, 2]
                axes { "objective.sigma" = [0.1, 0.5] }
                variants { short { train { steps = 600 }, sampler { steps = 50 } } }
                metrics = [test-nll]
                """.formatted(Ebm.experiment("8gaussians-dsm").replace("\\", "/")));
        Ebm.Result sweep = Ebm.run(dir, "sweep", f.toString(), "--out", dir.resolve("sigma").toString(), "--workers", "2");
        assertThat(sweep.exitCode()).as(sweep.output()).isZero();
        assertThat(sweep.output()).containsPattern("\\| short objective.sigma=0.1 − short objective.sigma=0.5 \\| 3 \\| -[0-9.]+ \\| -[0-9.]+ – -[0-9.]+ \\* \\| short objective.sigma=0.1 lower \\|");
        for (String file : List.of("compare.md", "compare.csv", "differences.csv", "compare.json", "compare.html")) {
            assertThat(dir.resolve("sigma").resolve(file)).exists();
        }
        Chromium.require();
        Chromium.Page page = Chromium.open(dir.resolve("sigma/compare.html"), dir);
        assertThat(page.pictures()).as("each variant's curves, density and samples").isGreaterThanOrEqualTo(2 * 3);
        assertThat(page.picturesShown()).as("pictures that displayed").isEqualTo(page.pictures());
        assertThat(page.dom()).contains("<tr class=\"established\"><td>short objective.sigma=0.1 − short objective.sigma=0.5");
    }

    private static long summaries(Path sweep) throws IOException {
        if (!Files.isDirectory(sweep)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(sweep)) {
            return s.filter(f -> f.getFileName().toString().equals("summary.json")).count();
        }
    }
}
