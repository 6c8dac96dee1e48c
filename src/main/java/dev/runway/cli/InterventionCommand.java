package dev.runway.cli;

import dev.runway.access.Identity;
import dev.runway.access.Permission;
import dev.runway.engine.StoredEvent;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** approve, reject and confirm: one person acting on the step a run waits at, with a comment. */
abstract class InterventionCommand extends BaseCommand implements BaseCommand.Remote {

    @Parameters(index = "0", paramLabel = "RUN")
    String run;

    @Option(names = "--as", paramLabel = "USER", description = "Act as this person (default: the OS user).")
    String as;

    @Option(names = "--comment", paramLabel = "TEXT")
    String comment;

    /** The past tense shown to the person: approved, rejected, confirmed. */
    abstract String verb();

    /** What the person gave, as "the … takes effect" names it: approval, rejection, confirmation. */
    abstract String noun();

    /** Who may do it, once users.yaml names roles. */
    abstract Permission permission();

    abstract StoredEvent act(Workspace ws, String runId, Identity who);

    @Override
    public final int remote(ServerClient server) {
        refuseAs(as);
        java.util.Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("comment", comment);
        var answer = server.post(RemoteRun.path(run) + "/" + getClass().getAnnotation(picocli.CommandLine.Command.class).name(), body);
        out().println(verb() + " " + answer.path("step").asText() + " of run " + run + " as " + answer.path("actor").asText());
        return ExitCodes.OK;
    }

    @Override
    final int execute(Workspace ws) {
        String runId = ws.resolveRun(run);
        Identity who = ws.actor(as, permission(), getClass().getAnnotation(picocli.CommandLine.Command.class).name(), runId);
        StoredEvent e = Interventions.guard(() -> act(ws, runId, who));
        out().println(verb() + " " + e.event().step() + " of run " + runId + " as " + e.actor());
        Drivers.untilResumed(ws, runId, noun()).ifPresent(out()::println);
        return ExitCodes.OK;
    }
}
