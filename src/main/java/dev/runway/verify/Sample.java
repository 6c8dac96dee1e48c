package dev.runway.verify;

import java.util.Map;

/** What one read of a monitor gave: numbers by field, or why there are none. */
public sealed interface Sample {

    /**
     * @param values   by field ({@code value} for queries and commands; the probe's fields)
     * @param requests for the probe, how many requests its figures cover; -1 when not counted
     * @param note     what a person should know with these figures (the probe's last failure), or null
     */
    record Reading(Map<String, Double> values, long requests, String note) implements Sample {
        public Reading(Map<String, Double> values, long requests) {
            this(values, requests, null);
        }

        public static Reading of(double value) {
            return new Reading(Map.of("value", value), -1);
        }
    }

    /** The monitor could not be read; {@code reason} says how, for a person. Never healthy. */
    record Unreadable(String reason) implements Sample {}
}
