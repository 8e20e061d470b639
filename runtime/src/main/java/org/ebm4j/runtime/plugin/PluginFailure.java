package org.ebm4j.runtime.plugin;

import java.nio.file.Path;

/** A plugin jar (or one of its components) that was not loaded, and why. */
public record PluginFailure(Path jar, String reason) {

    @Override
    public String toString() {
        return jar.getFileName() + ": " + reason;
    }
}
