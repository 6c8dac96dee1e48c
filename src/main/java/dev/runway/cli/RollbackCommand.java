package dev.runway.cli;

import dev.runway.engine.RunOwner;
import dev.runway.engine.RunState;
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
        Interventions.guard(() -> ws.interventions().requestRollback(runId, ws.identity(as), reason));
        var owner = ws.store().owner(runId);
        if (owner.isPresent() && !RunOwner.isGone(owner.get())) {
            out().println("rollback of run " + runId + " requested; process " + owner.get() + " drives the run and will roll it back");
            return ExitCodes.OK;
        }
        RunState state = ws.state(runId);
        return RunSession.drive(ws, runId, ws.planOf(state.start(), true), noWait, json, out(), err());
    }
}
