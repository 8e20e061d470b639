package org.ebm4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
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
        Optional<Path> chromium = List.of("chromium", "chromium-browser", "google-chrome").stream()
                .flatMap(name -> List.of("/usr/bin/" + name, "/usr/local/bin/" + name).stream()).map(Path::of)
                .filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(chromium.isPresent(), "Chromium is not installed (apt-get install chromium): report.html not rendered");

        Ebm.Result run = Ebm.run(dir, "run", Ebm.experiment("8gaussians-dsm"), "--set", "train.steps=200", "--out", dir.resolve("runs").toString());
        assertThat(run.exitCode()).as(run.output()).isZero();
        Path report = run.runFolder().resolve("report.html");
        assertThat(report).exists();

        Path log = dir.resolve("chromium.log");
        Process p = new ProcessBuilder(chromium.get().toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + dir.resolve("profile"), "--virtual-time-budget=10000", "--dump-dom", report.toUri().toString())
                .redirectOutput(dir.resolve("dom.html").toFile()).redirectError(log.toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("Chromium finished").isTrue();
        String dom = Files.readString(dir.resolve("dom.html"), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
        Matcher m = Pattern.compile("data-images=\"shown (\\d+) of (\\d+)\"").matcher(dom);
        assertThat(m.find()).as("the page's load handler ran:\n%s", dom.substring(0, Math.min(2000, dom.length()))).isTrue();
        int shown = Integer.parseInt(m.group(1));
        int total = Integer.parseInt(m.group(2));
        assertThat(total).as("curves, density and samples").isGreaterThanOrEqualTo(3);
        assertThat(shown).as("pictures that displayed").isEqualTo(total);
        assertThat(dom).contains("test-nll").contains("<h2>Settings (config.conf)</h2>");
    }
}
