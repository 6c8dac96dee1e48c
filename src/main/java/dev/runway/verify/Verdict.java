package dev.runway.verify;

import java.time.Instant;
import java.util.List;

/** What a rule says after one sample. */
public sealed interface Verdict {

    /** A value at a time, shown in the rule's unit. */
    record Seen(Instant at, double value) {}

    /** The condition held at every sample from {@code first} to {@code last}, for the rule's whole window. */
    record Fired(Rule rule, List<Seen> values, Instant first, Instant last) implements Verdict {}

    /**
     * Not fired. {@code value} is the latest reading; {@code breachingSince} is when the current
     * unbroken breach began, or null; {@code note} says why the rule cannot decide yet, or null.
     */
    record Holding(Rule rule, double value, Instant breachingSince, String note) implements Verdict {}

    /** The sample could not be used; counts the unreadable samples in a row. Never a pass. */
    record Unreadable(Rule rule, String reason, int consecutiveFailures) implements Verdict {}

    /** A sample not after the last one was ignored; the note says which. */
    record Ignored(Rule rule, String note) implements Verdict {}
}
