package dev.runway.engine;

import dev.runway.engine.RunEvent.StepAwaiting;
import java.time.Instant;
import java.util.List;

/**
 * A run as listings show it right after one event: the run's status, what it waits for, and
 * the state of the step the event was about. Stored with each append so reading a run's
 * status never needs its whole journal.
 *
 * @param step the touched step after the event, or null for run-level events
 */
public record RunSnapshot(RunStatus status, RunState.Phase phase, StepAwaiting awaiting, Instant finishedAt,
                          String reason, StepRow step) {

    /** One step's row in the read model. */
    public record StepRow(String id, StepStatus status, int attempt, Instant startedAt, Instant finishedAt,
                          String detail, List<String> approvers, String confirmedBy) {}

    /** The plan's steps as the read model lists them before any has run. */
    public record StepOutline(String id, String kind, boolean rollback) {}

    /** A step as listings show it: where it stands in the plan and how it is doing. */
    public record StepListing(StepOutline outline, StepRow row) {}

    /** The part of a step's row that {@code runway status} prints, one line per step. */
    public record StepLine(String id, StepStatus status, String kind, boolean rollback, String detail) {}
}
