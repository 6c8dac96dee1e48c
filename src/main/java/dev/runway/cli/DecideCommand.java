package dev.runway.cli;

import dev.runway.engine.RunEvent.Decision;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "decide", mixinStandardHelpOptions = true,
        description = "Choose what happens after a failed or interrupted step: retry, skip (with a reason), rollback or abort.")
final class DecideCommand extends BaseCommand implements BaseCommand.Remote {

    @Parameters(index = "0", paramLabel = "RUN")
    String run;

    @Parameters(index = "1", paramLabel = "CHOICE", description = "retry, skip, rollback or abort")
    String choice;

    @Option(names = "--reason", paramLabel = "TEXT")
    String reason;

    @Option(names = "--as", paramLabel = "USER")
    String as;

    @Override
    public int remote(ServerClient server) {
        refuseAs(as);
        Decision decision = decision();
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("choice", decision.name().toLowerCase());
        body.put("reason", reason);
        var answer = server.post(RemoteRun.path(run) + "/decide", body);
        out().println("decided " + decision.label() + " for " + answer.path("step").asText() + " of run " + run + " as " + answer.path("actor").asText());
        return ExitCodes.OK;
    }

    private Decision decision() {
        try {
            return Decision.valueOf(choice.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new UsageError("unknown choice \"" + choice + "\" (choose retry, skip, rollback or abort)");
        }
    }

    @Override
    int execute(Workspace ws) {
        Decision decision = decision();
        String runId = ws.resolveRun(run);
        var who = ws.actor(as, dev.runway.access.Permission.DECIDE, "decide", runId);
        var e = Interventions.guard(() -> ws.interventions().decide(runId, who, decision, reason));
        out().println("decided " + decision.label() + " for " + e.event().step() + " of run " + runId + " as " + e.actor());
        Drivers.untilResumed(ws, runId, "decision").ifPresent(out()::println);
        return ExitCodes.OK;
    }
}
