package dev.runway.engine;

/** Where a run stands. Lower-case, dashed labels are what users and JSON see. */
public enum RunStatus {
    RUNNING, WAITING, WATCHING, SUCCEEDED, FAILED, ROLLING_BACK, ROLLED_BACK, ROLLBACK_FAILED, ABORTED;

    public String label() {
        return name().toLowerCase().replace('_', '-');
    }

    public static RunStatus fromLabel(String label) {
        return valueOf(label.toUpperCase().replace('-', '_'));
    }

    public boolean isTerminal() {
        return switch (this) {
            case SUCCEEDED, FAILED, ROLLED_BACK, ROLLBACK_FAILED, ABORTED -> true;
            case RUNNING, WAITING, WATCHING, ROLLING_BACK -> false;
        };
    }

    /** Exit code of {@code runway run/resume} for a run that stopped in this state (DESIGN.md). */
    public int exitCode() {
        return switch (this) {
            case SUCCEEDED -> 0;
            case FAILED, ABORTED, ROLLBACK_FAILED -> 1;
            case ROLLED_BACK -> 3;
            case WAITING -> 4;
            case RUNNING, WATCHING, ROLLING_BACK -> 1;
        };
    }
}
