package org.ebm4j.api;

/** A plugin jar could not be loaded; names the jar and the reason. The other plugins still load. */
public class PluginLoadException extends EbmException {

    private static final long serialVersionUID = 1L;

    private final String jar;

    public PluginLoadException(String jar, String reason, Throwable cause) {
        super("Plugin " + jar + " was not loaded: " + reason, cause);
        this.jar = jar;
    }

    public String jar() {
        return jar;
    }
}
