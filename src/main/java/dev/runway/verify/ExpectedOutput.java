package dev.runway.verify;

/**
 * A compiled expected-output block. Implemented in this package by the matcher described in
 * DESIGN.md ("Expected output matching").
 */
public interface ExpectedOutput {

    /** Matches the whole captured output of a step. */
    MatchResult match(String output);

    /**
     * @param matched      true when every expected line was found, in order
     * @param firstMissing the first expected line (as written, values filled in) not found, or null
     * @param lineNumber   its 1-based index within the expected block, or 0
     */
    record MatchResult(boolean matched, String firstMissing, int lineNumber) {}
}
