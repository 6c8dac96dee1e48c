package dev.runway.runbook;

import java.util.Locale;

/** Step ids and gate policy names derived from headings. */
final class Slugs {
    /** Long headings make unwieldy ids to type in {@code runway decide}; cut on a word boundary. */
    static final int MAX_ID = 48;

    private Slugs() {}

    /** Lower case, runs of non-alphanumerics become "-", trimmed of dashes. */
    static String slug(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        s = s.replaceAll("^-+|-+$", "");
        return s.isEmpty() ? "step" : s;
    }

    static String id(String text) {
        String s = slug(text);
        if (s.length() <= MAX_ID) {
            return s;
        }
        int cut = s.lastIndexOf('-', MAX_ID);
        return cut > 0 ? s.substring(0, cut) : s.substring(0, MAX_ID);
    }
}
