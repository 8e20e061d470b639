package org.ebm4j.api;

import java.util.List;

/**
 * A setting is missing, malformed or out of range. Carries every problem found, so that a user sees them all at
 * once; each names the key, the file (and line) it came from, and what is allowed.
 */
public class ConfigException extends EbmException {

    private static final long serialVersionUID = 1L;

    /** One problem with one setting. */
    public record Problem(String key, String origin, String message) {
        @Override
        public String toString() {
            return (origin == null || origin.isBlank() ? "" : origin + ": ") + key + ": " + message;
        }
    }

    private final transient List<Problem> problems;

    public ConfigException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public ConfigException(String key, String origin, String message) {
        this(List.of(new Problem(key, origin, message)));
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        if (problems.size() == 1) {
            return "Bad configuration: " + problems.get(0);
        }
        StringBuilder sb = new StringBuilder("Bad configuration (" + problems.size() + " problems):");
        for (Problem p : problems) {
            sb.append("\n  - ").append(p);
        }
        return sb.toString();
    }
}
