package dev.runway.verify;

import java.util.Map;

/** What one read of a monitor gave: numbers by field, or why there are none. */
public sealed interface Sample {

    /**
     * @param values   by field ({@code value} for queries and commands; the probe's fields)
     * @param requests for the probe, how many requests its figures cover; -1 when not counted
     */
    record Reading(Map<String, Double> values, long requests) implements Sample {
        public static Reading of(double value) {
            return new Reading(Map.of("value", value), -1);
        }
    }

    /** The monitor could not be read; {@code reason} says how, for a person. Never healthy. */
    record Unreadable(String reason) implements Sample {}
}
