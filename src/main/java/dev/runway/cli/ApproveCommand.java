package dev.runway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "approve", mixinStandardHelpOptions = true, description = "Approve the gate a run waits at.")
final class ApproveCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "RUN")
    String run;

    @Option(names = "--as", paramLabel = "USER", description = "Approve as this person (default: the OS user).")
    String as;

    @Option(names = "--comment", paramLabel = "TEXT")
    String comment;

    @Override
    int execute(Workspace ws) {
        String runId = ws.resolveRun(run);
        var e = Interventions.guard(() -> ws.interventions().approve(runId, ws.identity(as), comment));
        out().println("approved " + e.event().step() + " of run " + runId + " as " + e.actor());
        return ExitCodes.OK;
    }
}
