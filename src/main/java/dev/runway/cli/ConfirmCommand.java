package dev.runway.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "confirm", mixinStandardHelpOptions = true, description = "Confirm the manual task a run waits on.")
final class ConfirmCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "RUN")
    String run;

    @Option(names = "--as", paramLabel = "USER")
    String as;

    @Option(names = "--comment", paramLabel = "TEXT")
    String comment;

    @Override
    int execute(Workspace ws) {
        String runId = ws.resolveRun(run);
        var e = Interventions.guard(() -> ws.interventions().confirm(runId, ws.identity(as), comment));
        out().println("confirmed " + e.event().step() + " of run " + runId + " as " + e.actor());
        return ExitCodes.OK;
    }
}
