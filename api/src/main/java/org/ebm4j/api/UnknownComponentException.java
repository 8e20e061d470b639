package org.ebm4j.api;

import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** A component was asked for by a name no loaded plugin provides; the message lists the names that exist. */
public class UnknownComponentException extends EbmException {

    private static final long serialVersionUID = 1L;

    private final String kind;
    private final String name;
    private final List<String> known;

    public UnknownComponentException(String kind, String name, Collection<String> known) {
        super(render(kind, name, known));
        this.kind = kind;
        this.name = name;
        this.known = List.copyOf(known);
    }

    /** A name that exists but cannot be used, with the reason (e.g. two plugins register it). */
    public UnknownComponentException(String kind, String name, Collection<String> known, String reason) {
        super(reason + "; available " + kind + "s: " + String.join(", ", known.stream().sorted().toList()));
        this.kind = kind;
        this.name = name;
        this.known = List.copyOf(known);
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    public List<String> known() {
        return known;
    }

    private static String render(String kind, String name, Collection<String> known) {
        String suggestion = closest(name, known);
        return "Unknown " + kind + " '" + name + "'"
                + (suggestion != null ? " (did you mean '" + suggestion + "'?)" : "")
                + "; available: " + (known.isEmpty() ? "none (is the plugin in the plugins folder?)" : String.join(", ", known.stream().sorted().toList()));
    }

    /** The known name within edit distance 2 (or a third of the length) of {@code name}, if any. */
    static String closest(String name, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(name.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best != null && bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
