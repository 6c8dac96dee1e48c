package dev.runway.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step's state as folded from the journal. Mutable, but owned by {@link RunState}: only the
 * fold changes it, always through the lifecycle table.
 */
public final class StepState {

    final String id;
    StepStatus status = StepStatus.PENDING;
    int attempt;
    /** Attempts made before the rollback was retried: its retry policy starts afresh after them. */
    int attemptsBefore;
    RunEvent.Await awaiting;
    Instant until;
    Instant startedAt;
    Instant finishedAt;
    String detail;
    String output;
    boolean unverified;
    boolean confirmed;
    String confirmedBy;
    String rejectedBy;
    String rejectComment;
    /** Distinct approvers, in order, with their comments: approving twice counts once. */
    final Map<String, String> approvals = new LinkedHashMap<>();

    StepState(String id) {
        this.id = id;
    }

    public String id() { return id; }
    public StepStatus status() { return status; }
    public int attempt() { return attempt; }
    /** Attempts of this rollback round: those since the rollback was last (re)started. */
    public int attemptsThisRound() { return attempt - attemptsBefore; }
    public RunEvent.Await awaiting() { return awaiting; }
    public Instant until() { return until; }
    public Instant startedAt() { return startedAt; }
    public Instant finishedAt() { return finishedAt; }
    /** The verdict or failure reason of the last attempt, or the awaiting reason. */
    public String detail() { return detail; }
    public String output() { return output; }
    /** The last attempt failed for want of data, not on a verdict: a person decides. */
    public boolean unverified() { return unverified; }
    public boolean confirmed() { return confirmed; }
    public String confirmedBy() { return confirmedBy; }
    public String rejectedBy() { return rejectedBy; }
    public String rejectComment() { return rejectComment; }
    /** Approver to comment (null when none was given), in the order the approvals came. */
    public Map<String, String> approvals() { return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(approvals)); }
    public java.util.List<String> approvers() { return java.util.List.copyOf(approvals.keySet()); }
}
