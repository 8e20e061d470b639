package org.ebm4j.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;
import org.ebm4j.api.SpiVersion;
import org.ebm4j.api.UnknownComponentException;
import org.ebm4j.api.component.ComponentKind;
import org.ebm4j.api.objective.ObjectiveProvider;
import org.ebm4j.runtime.plugin.fixtures.ConstantObjectiveProvider;
import org.ebm4j.runtime.plugin.fixtures.ExplodingSamplerProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pf4j.test.DefaultClassDataProvider;
import org.pf4j.test.PluginJar;

class PluginSystemTest {

    @TempDir
    Path plugins;

    private Path plugin(String id, Class<?> extension, String requires) throws IOException {
        PluginJar.Builder b = new PluginJar.Builder(plugins.resolve(id + "-1.0.0.jar"), id)
                .pluginVersion("1.0.0")
                .manifestAttribute("Plugin-Provider", "tests")
                .extension(extension.getName())
                .classDataProvider(new DefaultClassDataProvider());
        if (requires != null) {
            b.manifestAttribute("Plugin-Requires", requires);
        }
        return b.build().path();
    }

    private Path rawJar(String file, String pluginId, String... entries) throws IOException {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (pluginId != null) {
            m.getMainAttributes().putValue("Plugin-Id", pluginId);
            m.getMainAttributes().putValue("Plugin-Version", "1.0.0");
        }
        Path jar = plugins.resolve(file);
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, m)) {
            for (String e : entries) {
                j.putNextEntry(new ZipEntry(e));
                j.write(new byte[] {(byte) 0xCA, (byte) 0xFE});
                j.closeEntry();
            }
        }
        return jar;
    }

    @Test
    void aPluginJarMakesItsComponentUsableByName() throws IOException {
        plugin("good", ConstantObjectiveProvider.class, ">=" + SpiVersion.current());
        try (PluginSystem system = PluginSystem.load(plugins)) {
            assertThat(system.failures()).isEmpty();
            assertThat(system.plugins()).extracting(PluginInfo::id, PluginInfo::state).containsExactly(org.assertj.core.groups.Tuple.tuple("good", "STARTED"));
            var p = system.components().provider(ComponentKind.OBJECTIVE, "mean-energy");
            assertThat(system.components().pluginOf(p)).isEqualTo("good");
            assertThat(system.components().all()).extracting(ComponentInfo::name).contains("mean-energy");
            // the registry is Guice's: the injector's map of objective providers holds it, under both its names
            java.util.Map<String, ObjectiveProvider> bound = system.injector().getInstance(
                    com.google.inject.Key.get(new com.google.inject.TypeLiteral<java.util.Map<String, ObjectiveProvider>>() {}));
            assertThat(bound).containsKeys("mean-energy", "good/mean-energy");
            assertThat(bound.get("mean-energy")).isSameAs(p);
        }
    }

    @Test
    void everyBrokenJarIsReportedByNameAndTheOthersStillLoad() throws IOException {
        plugin("good", ConstantObjectiveProvider.class, null);
        Files.write(plugins.resolve("corrupt.jar"), new byte[] {1, 2, 3, 4, 5});
        rawJar("no-descriptor.jar", null, "x/Y.class");
        plugin("too-new", ConstantObjectiveProvider.class, ">=99.0.0");
        rawJar("fat.jar", "fat", "org/nd4j/linalg/factory/Nd4j.class");
        plugin("explodes", ExplodingSamplerProvider.class, null);
        try (PluginSystem system = PluginSystem.load(plugins)) {
            assertThat(system.components().names(ComponentKind.OBJECTIVE)).containsExactly("mean-energy");
            assertThat(system.failures()).extracting(f -> f.jar().getFileName().toString())
                    .containsExactlyInAnyOrder("corrupt.jar", "no-descriptor.jar", "too-new-1.0.0.jar", "fat.jar", "explodes-1.0.0.jar");
            assertThat(reason(system, "corrupt.jar")).contains("not a readable jar");
            assertThat(reason(system, "no-descriptor.jar")).isNotBlank();
            assertThat(reason(system, "too-new-1.0.0.jar")).contains(">=99.0.0").contains(SpiVersion.current());
            assertThat(reason(system, "fat.jar")).contains("bundles org.nd4j").contains("'provided'");
            assertThat(reason(system, "explodes-1.0.0.jar")).contains("boom in the constructor").contains("sampler");
        }
    }

    /** Two third-party plugins claiming one name: neither gets the plain name, both their qualified names. */
    @Test
    void twoPluginsClaimingOneNameAreAConflictNamingBoth() throws IOException {
        plugin("first", ConstantObjectiveProvider.class, null);
        plugin("second", ConstantObjectiveProvider.class, null);
        try (PluginSystem system = PluginSystem.load(plugins, java.util.Set.of())) {
            assertThat(system.components().conflicts()).singleElement().satisfies(c -> assertThat(c.describe())
                    .contains("plugin first (first-1.0.0.jar)").contains("plugin second (second-1.0.0.jar)")
                    .contains("objective 'mean-energy'").contains("'first/mean-energy' or 'second/mean-energy'"));
            assertThatThrownBy(() -> system.components().provider(ComponentKind.OBJECTIVE, "mean-energy"))
                    .isInstanceOf(UnknownComponentException.class).hasMessageContaining("ambiguous")
                    .hasMessageContaining("first/mean-energy").hasMessageContaining("second/mean-energy");
            var first = system.components().provider(ComponentKind.OBJECTIVE, "first/mean-energy");
            var second = system.components().provider(ComponentKind.OBJECTIVE, "second/mean-energy");
            assertThat(first).isNotSameAs(second);
            assertThat(system.components().names(ComponentKind.OBJECTIVE)).containsExactly("first/mean-energy", "second/mean-energy");
        }
    }

    /**
     * A third-party jar that registers a built-in's name does not take it from the built-in (it used to disable the
     * built-in for everyone): the plain name stays the built-in's, the newcomer is reachable by its qualified name.
     */
    @Test
    void aBuiltInKeepsItsNameWhenAnotherPluginClaimsIt() throws IOException {
        plugin("builtin", ConstantObjectiveProvider.class, null);
        plugin("acme", ConstantObjectiveProvider.class, null);
        try (PluginSystem system = PluginSystem.load(plugins, java.util.Set.of("builtin"))) {
            var plain = system.components().provider(ComponentKind.OBJECTIVE, "mean-energy");
            assertThat(system.components().pluginOf(plain)).isEqualTo("builtin");
            assertThat(system.components().pluginOf(system.components().provider(ComponentKind.OBJECTIVE, "acme/mean-energy")))
                    .isEqualTo("acme");
            assertThat(system.components().names(ComponentKind.OBJECTIVE)).containsExactly("acme/mean-energy", "mean-energy");
            assertThat(system.components().conflicts()).singleElement().satisfies(c -> assertThat(c.describe())
                    .contains("is the built-in plugin builtin's").contains("use 'acme/mean-energy'"));
            assertThat(system.failures()).isEmpty();
            assertThat(system.plugins()).extracting(PluginInfo::id).containsExactlyInAnyOrder("acme", "builtin");
        }
    }

    /** The same Plugin-Id in two jars: the first (by file name) loads, the other is reported in ebm's words. */
    @Test
    void aRepeatedPluginIdIsReportedNamingBothJars() throws IOException {
        plugin("same", ConstantObjectiveProvider.class, null);
        Files.move(plugins.resolve("same-1.0.0.jar"), plugins.resolve("a-same.jar"));
        plugin("same", ConstantObjectiveProvider.class, null);
        try (PluginSystem system = PluginSystem.load(plugins)) {
            assertThat(system.plugins()).extracting(p -> p.jar().getFileName().toString()).containsExactly("a-same.jar");
            assertThat(reason(system, "same-1.0.0.jar")).isEqualTo("its Plugin-Id 'same' is already taken by a-same.jar, "
                    + "which is loaded instead; remove one of the two jars");
        }
    }

    @Test
    void unknownNamesListWhatExists() throws IOException {
        plugin("good", ConstantObjectiveProvider.class, null);
        try (PluginSystem system = PluginSystem.load(plugins)) {
            assertThatThrownBy(() -> system.components().provider(ComponentKind.OBJECTIVE, "mean-enrgy"))
                    .isInstanceOf(UnknownComponentException.class)
                    .hasMessageContaining("did you mean 'mean-energy'");
        }
    }

    @Test
    void aMissingFolderMeansNoPlugins() {
        try (PluginSystem system = PluginSystem.load(plugins.resolve("absent"))) {
            assertThat(system.plugins()).isEmpty();
            assertThat(system.failures()).isEmpty();
        }
    }

    private static String reason(PluginSystem system, String jar) {
        return system.failures().stream().filter(f -> f.jar().getFileName().toString().equals(jar))
                .findFirst().orElseThrow().reason();
    }
}
