package dev.runway.runbook;

import java.util.Collection;

/** Suggests the name an author probably meant, for names whose misspelling changes who may do what. */
final class Spelling {
    /** Two edits catch a dropped, doubled or swapped letter without suggesting unrelated names. */
    private static final int MAX_EDITS = 2;

    private Spelling() {}

    /** {@code "; did you mean \"production\"?"} for the closest candidate within two edits, else empty. */
    static String didYouMean(String word, Collection<String> candidates) {
        String best = null;
        int bestEdits = MAX_EDITS + 1;
        for (String c : candidates) {
            int edits = edits(word, c);
            if (edits < bestEdits) {
                best = c;
                bestEdits = edits;
            }
        }
        return best == null ? "" : "; did you mean \"" + best + "\"?";
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int edits(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) previous[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
