package dev.runway.engine;

import java.time.Instant;

/**
 * A journal entry as stored: {@code seq} orders the whole journal (and its hash chain);
 * {@code runSeq} numbers the run's own events from 1 and guards concurrent appends.
 */
public record StoredEvent(long seq, String runId, int runSeq, Instant at, String actor, RunEvent event) {}
