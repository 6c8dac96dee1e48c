package dev.runway.cli;

import dev.runway.engine.RunBusyException;
import dev.runway.engine.RunSummary;
import dev.runway.engine.RunStatus;
import dev.runway.plan.Plan;
import java.io.PrintStream;

/** Drives a run from the CLI (run, resume, rollback) and reports how it ended. */
final class RunSession {

    private RunSession() {}

    static int drive(Workspace ws, String runId, Plan plan, boolean noWait, boolean json, PrintStream out, PrintStream err) {
        ProgressView view = new ProgressView(err, plan, ws.clock(), !json && Terminal.interactive(), runId);
        RunStatus status;
        try {
            status = ws.engine().drive(runId, plan, noWait, view);
        } catch (RunBusyException busy) {
            throw new UsageError(busy.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("runway: interrupted; the run is safe in the journal: runway resume " + runId);
            return ExitCodes.FAILED;
        }
        view.finish();
        RunSummary summary = ws.summary(runId);
        if (json) {
            out.println(Json.write(RunView.of(ws, summary)));
        } else {
            out.println(summary(summary, ws));
        }
        return status.exitCode();
    }

    static String summary(RunSummary run, Workspace ws) {
        String id = run.id();
        StringBuilder sb = new StringBuilder();
        sb.append("run ").append(id).append(" ").append(run.status().label());
        if (run.reason() != null) sb.append(": ").append(run.reason());
        RunSummary.Awaiting a = run.awaiting();
        if (a != null) {
            sb.append(" at step \"").append(a.step()).append("\": ").append(a.reason()).append('\n');
            sb.append(switch (a.kind()) {
                case GATE -> "  approve:  runway approve " + id + " --as NAME [--comment …]\n  reject:   runway reject " + id + " --as NAME";
                case MANUAL -> "  confirm:  runway confirm " + id + "\n  skip:     runway decide " + id + " skip --reason …";
                case DECISION -> "  decide:   runway decide " + id + " retry|skip|rollback|abort [--reason …]";
                case TIMER -> "  the timer ends at " + a.until();
            });
            sb.append("\n  then:     runway resume ").append(id);
        }
        sb.append("\nrecord: runway report ").append(id).append(" --home ").append(ws.home());
        return sb.toString();
    }
}
