package dev.runway.verify;

import java.util.Optional;

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

    /**
     * Where the first missing line of a failed match does occur, when that is before the output
     * line matched for the expected line above it: the lines came, but in another order. Empty
     * when the output matches or the missing line is nowhere before that.
     */
    Optional<OutOfOrder> outOfOrder(String output);

    /**
     * @param outputLine         the 1-based output line the missing expected line matches
     * @param previousLine       the expected line above it, 1-based within the expected block
     * @param previousOutputLine the 1-based output line that one matched
     */
    record OutOfOrder(int outputLine, int previousLine, int previousOutputLine) {}
}
