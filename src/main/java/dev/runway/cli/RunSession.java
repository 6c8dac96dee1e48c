package dev.runway.cli;

import dev.runway.engine.RunBusyException;
import dev.runway.engine.RunSummary;
import dev.runway.engine.RunStatus;
import dev.runway.plan.Plan;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Drives a run from the CLI (run, resume, rollback) and reports how it ended. */
final class RunSession {

    private RunSession() {}

    /** How long a signal waits for the running step's processes to be stopped and the stop journaled. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    static int drive(Workspace ws, String runId, Plan plan, boolean noWait, boolean json, PrintStream out, PrintStream err) {
        return drive(ws, runId, plan, noWait, json, out, err, null);
    }

    /** As {@link #drive(Workspace, String, Plan, boolean, boolean, PrintStream, PrintStream)}, journaling who resumed the run. */
    static int drive(Workspace ws, String runId, Plan plan, boolean noWait, boolean json, PrintStream out, PrintStream err,
                     String resumedBy) {
        ProgressView view = new ProgressView(err, plan, ws.clock(), !json && Terminal.interactive(), runId);
        RunStatus status;
        CountDownLatch ended = new CountDownLatch(1);
        Thread hook = stopOnSignal(Thread.currentThread(), ended, runId, err);
        try {
            status = ws.engine().drive(runId, plan, noWait, view, resumedBy);
        } catch (RunBusyException busy) {
            throw new UsageError(busy.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("runway: stopped; run " + runId + " is safe in the journal: runway resume " + runId);
            return ExitCodes.FAILED;
        } finally {
            ended.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what is running
            }
        }
        view.finish();
        RunSummary summary = ws.summary(runId);
        if (json) {
            out.println(Json.write(RunView.of(ws, summary)));
        } else {
            out.println(RunHints.summary(summary, ws));
        }
        return status.exitCode();
    }

    /**
     * A CI job cancelled, a terminal closed, Ctrl-C: the JVM runs its shutdown hooks and then
     * exits, and without this a step's processes would go on unattended while the run said
     * "running". The hook interrupts the drive, which stops the step's whole process tree and
     * journals the step as interrupted, and waits for that before letting the JVM go. The run
     * is then resumed like one after a crash: the step re-runs if idempotent, else a person decides.
     */
    private static Thread stopOnSignal(Thread driver, CountDownLatch ended, String runId, PrintStream err) {
        Thread hook = new Thread(() -> {
            if (ended.getCount() == 0) return;
            err.println("runway: stopping: ending the running step and its processes; run " + runId
                    + " stays resumable (runway resume " + runId + ")");
            driver.interrupt();
            try {
                ended.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "runway-stop-" + runId);
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }
}
