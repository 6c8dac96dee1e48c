package dev.runway.cli;

import dev.runway.engine.RunEvent.Decision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "decide", mixinStandardHelpOptions = true,
        description = "Choose what happens after a failed or interrupted step: retry, skip (with a reason), rollback or abort.")
final class DecideCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "RUN")
    String run;

    @Parameters(index = "1", paramLabel = "CHOICE", description = "retry, skip, rollback or abort")
    String choice;

    @Option(names = "--reason", paramLabel = "TEXT")
    String reason;

    @Option(names = "--as", paramLabel = "USER")
    String as;

    @Override
    int execute(Workspace ws) {
        Decision decision;
        try {
            decision = Decision.valueOf(choice.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new UsageError("unknown choice \"" + choice + "\" (choose retry, skip, rollback or abort)");
        }
        String runId = ws.resolveRun(run);
        var e = Interventions.guard(() -> ws.interventions().decide(runId, ws.identity(as), decision, reason));
        out().println("decided " + decision.label() + " for " + e.event().step() + " of run " + runId + " as " + e.actor());
        return ExitCodes.OK;
    }
}
