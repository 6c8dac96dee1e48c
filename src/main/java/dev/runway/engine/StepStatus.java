package dev.runway.engine;

/** Where one step stands within a run. */
public enum StepStatus {
    PENDING, RUNNING, WAITING, SUCCEEDED, FAILED, SKIPPED, INTERRUPTED;

    public String label() {
        return name().toLowerCase();
    }

    /** Done means the run may move past it. */
    public boolean isDone() {
        return this == SUCCEEDED || this == SKIPPED;
    }
}
