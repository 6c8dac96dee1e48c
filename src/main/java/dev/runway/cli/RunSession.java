package dev.runway.cli;

import dev.runway.engine.RunBusyException;
import dev.runway.engine.RunEvent.StepAwaiting;
import dev.runway.engine.RunState;
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
        RunState state = ws.state(runId);
        if (json) {
            out.println(Json.write(RunView.of(state, plan, ws.home().toString())));
        } else {
            out.println(summary(state, ws));
        }
        return status.exitCode();
    }

    static String summary(RunState state, Workspace ws) {
        String id = state.runId();
        StringBuilder sb = new StringBuilder();
        sb.append("run ").append(id).append(" ").append(state.status().label());
        if (state.finishReason() != null) sb.append(": ").append(state.finishReason());
        StepAwaiting a = state.awaiting();
        if (a != null) {
            sb.append(" at step \"").append(a.step()).append("\": ").append(a.reason()).append('\n');
            sb.append(switch (a.await()) {
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
