package dev.runway.engine;

import java.time.Instant;
import java.util.Map;

/** One row per run for listings and history; kept current in the same transaction as each append. */
public record RunSummary(String id, String runbook, String environment, String title, String file,
                         String initiator, RunStatus status, Instant createdAt, Instant updatedAt,
                         Map<String, String> vars, int lastRunSeq, RunState.Phase phase, Instant finishedAt,
                         String reason, Awaiting awaiting) {

    /**
     * What an unfinished run waits for, or null.
     *
     * @param approvalsNeeded how many approvals pass the gate it waits at; null for other waits
     *                        and for gates reached before Runway recorded it
     */
    public record Awaiting(String step, RunEvent.Await kind, String reason, Instant until, Integer approvalsNeeded) {}
}
