package dev.runway.engine;

/**
 * Where one step stands within a run. {@code CANCELLED} is a gate, task or timer the run stopped
 * waiting for: it was aborted or rolled back at that wait, so the step neither passed nor failed.
 */
public enum StepStatus {
    PENDING, RUNNING, WAITING, SUCCEEDED, FAILED, SKIPPED, INTERRUPTED, CANCELLED;

    public String label() {
        return name().toLowerCase();
    }

    /**
     * Whether a step in a run that stands at {@code run} never ran: it never started and the run
     * has ended, where "pending" would say it is still to come. (A rollback asked for later may
     * yet run a rollback step; then it shows again as what it is.)
     */
    public boolean notRunIn(RunStatus run) {
        return this == PENDING && run.isTerminal();
    }

    /** The label listings show ({@code status}, reports, the API): {@code not-run} for {@link #notRunIn}. */
    public String labelIn(RunStatus run) {
        return notRunIn(run) ? "not-run" : label();
    }

    /** Done means the run may move past it. */
    public boolean isDone() {
        return this == SUCCEEDED || this == SKIPPED;
    }
}
