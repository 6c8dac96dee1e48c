package dev.runway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "reject", mixinStandardHelpOptions = true,
        description = "Reject the gate a run waits at (the run aborts, or rolls back if the gate says so).")
final class RejectCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "RUN")
    String run;

    @Option(names = "--as", paramLabel = "USER")
    String as;

    @Option(names = "--comment", paramLabel = "TEXT")
    String comment;

    @Override
    int execute(Workspace ws) {
        String runId = ws.resolveRun(run);
        var e = Interventions.guard(() -> ws.interventions().reject(runId, ws.identity(as), comment));
        out().println("rejected " + e.event().step() + " of run " + runId + " as " + e.actor());
        return ExitCodes.OK;
    }
}
