package org.ebm4j.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path dir;

    /** A finished run as the runtime writes it: summary.json and provenance.json. */
    private Path run(String folder, String experiment, long seed, List<String> overrides, double nll, double speed) throws IOException {
        Path f = Files.createDirectories(dir.resolve("runs").resolve(folder));
        Files.writeString(f.resolve("summary.json"), String.format(Locale.ROOT, """
                {"experiment": "%s", "steps": 100, "wall-seconds": 2.0, "steps-per-s": 1.0, "diverged": false,
                 "final-metrics": {"loss/dsm": 0.5, "steps-per-s": %s},
                 "evaluation": {"exact-nll-2d": {"test-nll": %s, "test-nll-se": 0.01, "reliable": 1.0}, "mmd": {"mmd2": 0.5}}}
                """, experiment, speed, nll));
        StringBuilder o = new StringBuilder();
        for (String s : overrides) {
            o.append(o.isEmpty() ? "" : ",").append('"').append(s).append('"');
        }
        Files.writeString(f.resolve("provenance.json"), "{\"seed\": " + seed + ", \"overrides\": [" + o + "]}");
        return f;
    }

    @Test
    void variantsOverSeedsGetTheirMedianMeanSpreadAndEverySeed() throws IOException {
        run("a0", "ring", 0, List.of("seed=0"), 2.0, 100);
        run("a1", "ring", 1, List.of("seed=1"), 2.2, 110);
        run("a2", "ring", 2, List.of("seed=2"), 2.9, 90);
        run("b0", "ring", 0, List.of("objective.sigma=0.5", "seed=0"), 3.0, 100);
        run("b1", "ring", 1, List.of("objective.sigma=0.5", "seed=1"), 3.5, 100);
        Cli cli = new Cli(dir);
        assertThat(cli.ebm("compare", dir.resolve("runs").toString())).as(cli.err).isZero();
        assertThat(cli.out).contains("### test-nll").contains("### train/steps-per-s");
        // ring: 2.0, 2.2, 2.9: median 2.2, mean 2.3667, sd sqrt(((−.3667)² + (−.1667)² + .5333²)/2) = 0.4726
        assertThat(cli.out).contains("| ring | 3 | 2.2 | 2.367 ± 0.4726 | 2 – 2.9 | 0: 2, 1: 2.2, 2: 2.9 |");
        assertThat(cli.out).contains("| ring objective.sigma=0.5 | 2 | 3.25 | 3.25 ± 0.3536 | 3 – 3.5 | 0: 3, 1: 3.5 |");
        assertThat(cli.ebm("compare", dir.resolve("runs").toString(), "--metric", "mmd/mmd2", "--format", "csv")).isZero();
        assertThat(cli.out).startsWith("variant,metric,runs,finite,median,mean,sd,min,max,by-seed\n")
                .contains("ring,mmd/mmd2,3,3,0.5,0.5,0.0,0.5,0.5,0:0.5 1:0.5 2:0.5");
    }

    @Test
    void pairedDifferencesAreTabulatedAndWrittenAsJsonCsvAndHtml() throws IOException {
        double[] a = {2.0, 2.2, 2.9, 2.4};
        for (int s = 0; s < a.length; s++) {
            run("a" + s, "ring", s, List.of("seed=" + s), a[s], 100);
            run("b" + s, "ring", s, List.of("objective.sigma=0.5", "seed=" + s), a[s] + 0.5 + 0.01 * s, 100);
        }
        Cli cli = new Cli(dir);
        assertThat(cli.ebm("compare", dir.resolve("runs").toString(), "--metric", "test-nll", "--out", dir.resolve("report").toString()))
                .as(cli.err).isZero();
        assertThat(cli.out).contains("| ring − ring objective.sigma=0.5 | 4 | -0.515 | ").contains("| ring lower |");
        assertThat(dir.resolve("report/compare.html")).content().contains("<tr class=\"established\"><td>ring − ring objective.sigma=0.5");
        assertThat(dir.resolve("report/differences.csv")).content()
                .startsWith("metric,first,second,seeds,mean,lower,upper,method,established,verdict,by-seed\n")
                .contains("test-nll,ring,ring objective.sigma=0.5,4,-0.51499").contains(",percentile,true,ring lower,0:-0.5 ");
        assertThat(dir.resolve("report/compare.md")).exists();
        assertThat(dir.resolve("report/compare.csv")).exists();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(dir.resolve("report/compare.json").toFile());
        assertThat(json.path("runs").size()).isEqualTo(8);
        com.fasterxml.jackson.databind.JsonNode d = json.path("metrics").get(0).path("differences").get(0);
        assertThat(d.path("established").asBoolean()).isTrue();
        assertThat(d.path("upper").asDouble()).isLessThan(0);
        assertThat(cli.ebm("compare", dir.resolve("runs").toString(), "--metric", "test-nll", "--format", "json")).as(cli.err).isZero();
        assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(cli.out)).isEqualTo(json);
        assertThat(cli.ebm("compare", dir.resolve("runs").toString(), "--baseline", "nope")).isEqualTo(EbmCommand.BAD_CONFIGURATION);
        assertThat(cli.err).contains("--baseline 'nope'").contains("ring objective.sigma=0.5");
    }

    @Test
    void aSweepPointIsNamedByItsLabel() throws IOException {
        Path folder = run("p/ring/20261202-000000", "ring", 3, List.of("objective.type=ssm", "seed=3"), 2.0, 100);
        Files.writeString(folder.getParent().getParent().resolve("point.json"), "{\"label\": \"ssm\", \"seed\": 3}");
        Cli cli = new Cli(dir);
        assertThat(cli.ebm("compare", dir.resolve("runs").toString(), "--metric", "test-nll")).as(cli.err).isZero();
        assertThat(cli.out).contains("| ssm | 1 | 2 |");
    }

    @Test
    void anInterruptedRunIsNotAFinishedOne() throws IOException {
        Path done = run("a0", "ring", 0, List.of(), 2.0, 100);
        Path stopped = run("a1", "ring", 1, List.of(), 2.0, 100);
        String summary = Files.readString(stopped.resolve("summary.json"));
        Files.writeString(stopped.resolve("summary.json"), summary.replaceFirst("\\{", "{\"interrupted\": \"Interrupted by SIGTERM at step 40 of 100\", "));
        assertThat(org.ebm4j.runtime.compare.RunRecord.read(done)).isPresent();
        assertThat(org.ebm4j.runtime.compare.RunRecord.read(stopped)).as("resumed by a sweep, not compared").isEmpty();
        Cli cli = new Cli(dir);
        assertThat(cli.ebm("compare", dir.resolve("runs").toString(), "--metric", "test-nll")).as(cli.err).isZero();
        assertThat(cli.out).contains("| ring | 1 | 2 |");
    }

    @Test
    void checkValidatesEveryVariantOfASweepFileOnce() throws IOException {
        Cli cli = new Cli(dir);
        Path conf = cli.experiment("");
        Path sweep = Files.writeString(dir.resolve("sweep.conf"), """
                experiment = "%s"
                seeds = [0, 1, 2]
                variants { good {}, bad { objective { type = no-such-objective } } }
                """.formatted(conf.getFileName()));
        assertThat(cli.ebm("check", sweep.toString())).isEqualTo(EbmCommand.BAD_CONFIGURATION);
        assertThat(cli.out).contains("ok     " + sweep + " [good]").contains("bad    " + sweep + " [bad]");
        assertThat(cli.out.lines().filter(l -> l.contains("[good]")).count()).as("once, not once per seed").isEqualTo(1);
        assertThat(cli.err).contains("no-such-objective");
    }

    @Test
    void nothingToCompareAndUnknownMetricsAreUsageErrorsThatSayWhatExists() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        Cli cli = new Cli(dir);
        assertThat(cli.ebm("compare", dir.resolve("empty").toString())).isEqualTo(EbmCommand.BAD_CONFIGURATION);
        assertThat(cli.err).contains("No finished runs found");
        run("a0", "ring", 0, List.of(), 2.0, 100);
        assertThat(cli.ebm("compare", dir.resolve("runs").toString(), "--metric", "test-nlll")).isEqualTo(EbmCommand.BAD_CONFIGURATION);
        assertThat(cli.err).contains("No run reports 'test-nlll'").contains("exact-nll-2d/test-nll").contains("train/loss/dsm");
        run("a0-again", "ring", 0, List.of(), 2.1, 100);
        assertThat(cli.ebm("compare", dir.resolve("runs").toString())).isEqualTo(EbmCommand.BAD_CONFIGURATION);
        assertThat(cli.err).contains("Two runs of 'ring' with seed 0");
    }

    @Test
    void aRealRunIsReadBack() throws IOException {
        Cli cli = new Cli(dir);
        Path conf = cli.experiment("");
        assertThat(cli.ebm("run", conf.toString(), "--out", dir.resolve("out").toString(), "--set", "seed=4")).as(cli.err).isZero();
        assertThat(cli.ebm("compare", dir.resolve("out").toString(), "--metric", "steps-per-s", "--metric", "steps")).as(cli.err).isZero();
        assertThat(cli.out).contains("### steps").contains("| 1 | 30 | 30 ± NaN | 30 – 30 | 4: 30 |");
    }
}
