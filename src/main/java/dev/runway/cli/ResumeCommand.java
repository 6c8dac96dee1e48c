package dev.runway.cli;

import dev.runway.engine.RunState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Continue a run from its journal (after a crash, --no-wait, or an approval).")
final class ResumeCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "RUN")
    String run;

    @Option(names = "--as", paramLabel = "USER",
            description = "Who resumes the run (default: your login name); what runs from here is journaled in their name.")
    String as;

    @Option(names = "--no-wait", description = "Exit with code 4 instead of waiting when the run needs a person.")
    boolean noWait;

    @Option(names = "--json", description = "Print the outcome as one JSON object.")
    boolean json;

    @Override
    int execute(Workspace ws) {
        String runId = ws.resolveRun(run);
        var summary = ws.summary(runId);
        // An ended run is resumed only to carry out a rollback asked for after its end.
        if (summary.status().isTerminal() && !ws.state(runId).rollbackPending()) {
            if (json) out().println(Json.write(RunView.of(ws, summary)));
            else out().println(RunHints.summary(summary, ws));
            return summary.status().exitCode();
        }
        RunState state = ws.state(runId);
        var plan = ws.planOf(state.start(), true);
        // Once users.yaml lists people, resuming needs a role that may start runs, as `run` does.
        String who = ws.actor(as, dev.runway.access.Permission.START, "resume", runId).name();
        return RunSession.drive(ws, runId, plan, noWait, json, out(), err(), who);
    }
}
