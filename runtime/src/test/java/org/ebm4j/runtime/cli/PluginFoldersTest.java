package org.ebm4j.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ebm4j.runtime.fixtures.TestPluginJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --plugins} adds folders to the default one, before or after the command; {@code --plugins-only} replaces it. */
class PluginFoldersTest {

    @TempDir
    Path dir;

    private String out;
    private String err;

    private int ebm(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = EbmCommand.execute(args, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void theDefaultFolderAndEveryPluginsFolderAreLoadedWhereverTheOptionStands() throws Exception {
        Path defaults = Files.createDirectories(dir.resolve("default"));
        Path mine = Files.createDirectories(dir.resolve("mine"));
        TestPluginJar.fixtures(defaults);
        String conf = new String(PluginFoldersTest.class.getClassLoader().getResourceAsStream("reference.conf").readAllBytes(), StandardCharsets.UTF_8);
        TestPluginJar.write(mine.resolve("extra.jar"), "extra-plugin", conf);
        String previous = System.getProperty("ebm.plugins");
        System.setProperty("ebm.plugins", defaults.toString());
        try {
            assertThat(ebm("plugins", "--plugins", mine.toString())).as(err).isZero();
            assertThat(out).contains("extra-plugin").contains(defaults.toAbsolutePath().toString()).contains(mine.toAbsolutePath().toString());
            String after = out;
            assertThat(ebm("--plugins", mine.toString(), "plugins")).as(err).isZero();
            assertThat(out).isEqualTo(after);
            assertThat(ebm("plugins", "--plugins-only", "--plugins", mine.toString())).as(err).isZero();
            assertThat(out).contains("extra-plugin").doesNotContain(defaults.toAbsolutePath().toString());
            assertThat(ebm("plugins", "--plugins-only")).isEqualTo(EbmCommand.BAD_CONFIGURATION);
            assertThat(err).contains("--plugins-only needs at least one --plugins DIR");
        } finally {
            if (previous == null) {
                System.clearProperty("ebm.plugins");
            } else {
                System.setProperty("ebm.plugins", previous);
            }
        }
    }
}
