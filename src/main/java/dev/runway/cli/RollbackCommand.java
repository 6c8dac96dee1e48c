package dev.runway.cli;

import dev.runway.engine.RunOwner;
import dev.runway.engine.RunState;
import dev.runway.plan.Plan;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "rollback", mixinStandardHelpOptions = true,
        description = "Roll a run back now: runs the runbook's rollback section.")
final class RollbackCommand extends BaseCommand implements BaseCommand.Remote {

    @Parameters(index = "0", paramLabel = "RUN")
    String run;

    @Option(names = "--as", paramLabel = "USER")
    String as;

    @Option(names = "--reason", paramLabel = "TEXT")
    String reason;

    @Option(names = "--no-wait", description = "Exit with code 4 instead of waiting when the rollback needs a person.")
    boolean noWait;

    @Option(names = "--json", description = "Print the outcome as one JSON object.")
    boolean json;

    /** Asks the server to roll the run back, then follows the rollback as {@code run} follows a run. */
    @Override
    public int remote(ServerClient server) throws InterruptedException {
        refuseAs(as);
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("reason", reason);
        server.post(RemoteRun.path(run) + "/rollback", body);
        if (!json) err().println("rollback of run " + run + " requested on " + server.base());
        return RemoteRun.follow(server, run, noWait, json, out(), err());
    }

    @Override
    int execute(Workspace ws) {
        String runId = ws.resolveRun(run);
        RunState state = ws.state(runId);
        var owner = ws.store().owner(runId);
        boolean drivenElsewhere = owner.isPresent() && !RunOwner.isGone(owner.get());
        // Bound before anything is journaled: a rollback asked for and then not carried out for a
        // missing secret would leave the run waiting for it and its target locked.
        Plan plan = drivenElsewhere ? null : ws.planOf(state.start(), true);
        if (state.rollbackPending()) {
            if (drivenElsewhere) {
                out().println("rollback of run " + runId + " was already requested; process " + owner.get() + " will roll it back");
                return ExitCodes.OK;
            }
            err().println("rollback of run " + runId + " was already requested by " + state.pendingRollback().actor()
                    + "; carrying it out");
        } else {
            var who = ws.actor(as, dev.runway.access.Permission.OPERATE, "rollback", runId);
            Interventions.guard(() -> ws.interventions().requestRollback(runId, who, reason));
        }
        if (drivenElsewhere) {
            out().println("rollback of run " + runId + " requested; process " + owner.get() + " drives the run and will roll it back");
            return ExitCodes.OK;
        }
        return RunSession.drive(ws, runId, plan, noWait, json, out(), err());
    }
}
