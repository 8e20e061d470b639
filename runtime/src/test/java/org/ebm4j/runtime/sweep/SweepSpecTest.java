package org.ebm4j.runtime.sweep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.ebm4j.api.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sweep files: every combination of variant, axis values and seed, in a fixed order, with the overrides that make it. */
class SweepSpecTest {

    @TempDir
    Path dir;

    private SweepSpec load(String text) throws IOException {
        Path f = dir.resolve("s.conf");
        Files.writeString(f, text);
        return SweepSpec.load(f);
    }

    @Test
    void pointsAreVariantsTimesAxesTimesSeeds() throws IOException {
        SweepSpec s = load("""
                experiment = "exp/e.conf"
                seeds = [0, 1]
                axes { "objective.sigma" = [0.1, 0.5], "train.steps" = [100] }
                variants { dsm {}, ssm { objective { type = ssm }, train { steps = 50 } } }
                metrics = [test-nll]
                """);
        assertThat(s.experiment()).isEqualTo(dir.resolve("exp/e.conf"));
        assertThat(s.points()).hasSize(2 * 2 * 1 * 2);
        assertThat(s.points()).extracting(SweepSpec.Point::name).doesNotHaveDuplicates()
                .startsWith("dsm_objective.sigma=0.1_train.steps=100_seed=0");
        SweepSpec.Point ssm = s.points().get(4);
        assertThat(ssm.variant()).isEqualTo("ssm");
        assertThat(ssm.seed()).isEqualTo(0);
        // a component section replaces the experiment's whole; other settings one by one; axes after variants; seed last
        assertThat(ssm.overrides()).containsExactly("objective=null", "objective={\"type\":\"ssm\"}", "train.steps=50",
                "objective.sigma=0.1", "train.steps=100", "seed=0");
        assertThat(s.metrics()).containsExactly("test-nll");
        assertThat(ssm.label()).isEqualTo("ssm objective.sigma=0.1 train.steps=100");
        assertThat(s.points()).extracting(SweepSpec.Point::experiment).containsOnly(dir.resolve("exp/e.conf"));
    }

    @Test
    void aVariantMayRunItsOwnExperimentFile() throws IOException {
        SweepSpec s = load("""
                experiment = "a.conf"
                seeds = [7]
                variants { a {}, b { experiment = "other/b.conf", data.dataset = moons } }
                """);
        assertThat(s.points()).extracting(SweepSpec.Point::experiment).containsExactly(dir.resolve("a.conf"), dir.resolve("other/b.conf"));
        assertThat(s.points().get(1).overrides()).containsExactly("data.dataset=\"moons\"", "seed=7");
        assertThat(s.points()).extracting(SweepSpec.Point::label).containsExactly("a", "b");
        // a component below the top level is replaced whole too
        assertThat(load("experiment = a.conf\nseeds = [1]\nvariants { u { objective.noise { type = uniform } } }").points().get(0)
                .overrides()).containsExactly("objective.noise=null", "objective.noise={\"type\":\"uniform\"}", "seed=1");
        assertThatThrownBy(() -> load("experiment = a.conf\nseeds = [0]\nvariants { b { experiment = 3 } }"))
                .hasMessageContaining("variants.b.experiment");
        assertThat(load("experiment = a.conf\nseeds = [0, 1]").points()).extracting(SweepSpec.Point::label).containsOnly("a");
    }

    @Test
    void withoutVariantsOrAxesEachSeedIsAPoint() throws IOException {
        SweepSpec s = load("experiment = e.conf\nseeds = [3, 4, 5]");
        assertThat(s.points()).extracting(SweepSpec.Point::name).containsExactly("seed=3", "seed=4", "seed=5");
        assertThat(s.points().get(1).overrides()).containsExactly("seed=4");
    }

    @Test
    void aBadSweepFileNamesTheKey() {
        assertThatThrownBy(() -> load("seeds = [0]")).isInstanceOf(ConfigException.class).hasMessageContaining("experiment");
        assertThatThrownBy(() -> load("experiment = e.conf\nseeds = []")).hasMessageContaining("seeds");
        assertThatThrownBy(() -> load("experiment = e.conf\nseeds = [a]")).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> load("experiment = e.conf\nseeds = [0]\naxes { x = [] }")).hasMessageContaining("axes.x");
        assertThatThrownBy(() -> load("experiment = e.conf\nseeds = [0]\nvariants { \"a/b\" {} }")).hasMessageContaining("folder name");
        assertThatThrownBy(() -> load("experiment = e.conf\nseeds = [0]\nvariants { a = 3 }")).hasMessageContaining("block of settings");
    }

    @Test
    void theRunFolderOfAPointIsFoundAndHalfCreatedOnesAreIgnored() throws IOException {
        Path point = dir.resolve("points/p");
        assertThat(Sweeps.runFolder(point)).isEmpty();
        Files.createDirectories(point.resolve("e/.creating-123"));
        Files.writeString(point.resolve("e/.creating-123/config.conf"), "");
        assertThat(Sweeps.runFolder(point)).isEmpty();
        Files.createDirectories(point.resolve("e/20261202-010101"));
        Files.writeString(point.resolve("e/20261202-010101/config.conf"), "");
        assertThat(Sweeps.runFolder(point)).contains(point.resolve("e/20261202-010101"));
    }
}
