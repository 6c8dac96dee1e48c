package dev.runway.engine;

/** Another live process drives this run; its approvals and decisions still go through the store. */
public final class RunBusyException extends RuntimeException {
    public RunBusyException(String runId, String owner) {
        super("run " + runId + " is being driven by process " + owner
                + "; approve, decide or watch it with runway status/logs instead");
    }
}
