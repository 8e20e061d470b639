package org.ebm4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run's {@code report.html}, opened offline in headless Chromium (Debian's {@code chromium}): the page loads and
 * every picture it links displays. Skipped, with a message, where Chromium is not installed.
 */
class ReportIT {

    @TempDir
    Path dir;

    @Test
    void theReportOfARunOpensInABrowserWithEveryPicture() throws Exception {
        Chromium.require();
        Ebm.Result run = Ebm.run(dir, "run", Ebm.experiment("8gaussians-dsm"), "--set", "train.steps=200", "--out", dir.resolve("runs").toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        Path report = run.runFolder().resolve("report.html");
        assertThat(report).exists();

        Chromium.Page page = Chromium.open(report, dir);
        assertThat(page.pictures()).as("curves, density and samples").isGreaterThanOrEqualTo(3);
        assertThat(page.picturesShown()).as("pictures that displayed").isEqualTo(page.pictures());
        assertThat(page.dom()).contains("test-nll").contains("<h2>Settings (config.conf)</h2>");
    }
}
