package dev.runway.engine;

import java.time.Instant;

/**
 * One rule's latest figures while a window watches it, as other processes see them ({@code
 * status --json}, the API, the live view). Kept in the read model, replaced as samples come in;
 * not journaled: the journal keeps the verdicts, not every sample.
 *
 * @param scope          what watches the rule: an observe step's id, or {@code triggers}
 * @param value          the latest reading in the rule's base unit (fraction, seconds), or null
 * @param shown          the latest reading as people read it ({@code 0.4%}, {@code 120ms},
 *                       {@code unreadable: …}, {@code no sample yet})
 * @param threshold      the condition as written ({@code > 1% for 2m})
 * @param state          {@code ok}, {@code breaching}, {@code waiting}, {@code unreadable},
 *                       {@code fired} or {@code no data}
 * @param breachingSince when the current unbroken breach began, or null
 * @param samples        samples this window has judged for the rule's monitor
 * @param until          when the window ends (an observe step's end, or the rollback deadline)
 * @param at             when these figures were taken
 */
public record MonitorReading(String scope, String rule, String metric, Double value, String shown, String threshold,
                             String state, Instant breachingSince, long samples, Instant until, Instant at) {}
