package org.ebm4j.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;

/** Headless Chromium (Debian's {@code chromium}) opening a page offline; tests that need it are skipped where it is absent. */
final class Chromium {

    /** What the page showed: its DOM after the load handlers ran, and the pictures that displayed of those it has. */
    record Page(String dom, int picturesShown, int pictures) {}

    private Chromium() {}

    /** Skips the calling test, with a message, when Chromium is not installed. */
    static Path require() {
        Optional<Path> chromium = List.of("chromium", "chromium-browser", "google-chrome").stream()
                .flatMap(name -> List.of("/usr/bin/" + name, "/usr/local/bin/" + name).stream()).map(Path::of)
                .filter(Files::isExecutable).findFirst();
        Assumptions.assumeTrue(chromium.isPresent(), "Chromium is not installed (apt-get install chromium): the page is not rendered");
        return chromium.get();
    }

    /**
     * Opens {@code page} and returns its DOM; the page must count its pictures into {@code body data-images} once loaded
     * ("shown K of N"), as ebm4j's reports do.
     */
    static Page open(Path page, Path workDir) throws IOException, InterruptedException {
        Path chromium = require();
        Path log = workDir.resolve("chromium.log");
        Path dom = workDir.resolve("dom.html");
        Process p = new ProcessBuilder(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--user-data-dir=" + workDir.resolve("chromium-profile"), "--virtual-time-budget=10000", "--dump-dom", page.toUri().toString())
                .redirectOutput(dom.toFile()).redirectError(log.toFile()).start();
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("Chromium finished").isTrue();
        String text = Files.readString(dom, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(Files.readString(log, StandardCharsets.UTF_8)).isZero();
        Matcher m = Pattern.compile("data-images=\"shown (\\d+) of (\\d+)\"").matcher(text);
        assertThat(m.find()).as("the page's load handler ran:\n%s", text.substring(0, Math.min(2000, text.length()))).isTrue();
        return new Page(text, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
}
