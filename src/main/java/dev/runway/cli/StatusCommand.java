package dev.runway.cli;

import dev.runway.engine.RunSnapshot.StepListing;
import dev.runway.engine.RunSummary;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a run (default: the newest).")
final class StatusCommand extends BaseCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN")
    String run;

    @Option(names = "--json", description = "Print the run as one JSON object.")
    boolean json;

    @Override
    int execute(Workspace ws) {
        String runId = ws.resolveRun(run);
        RunSummary summary = ws.summary(runId);
        List<StepListing> steps = ws.store().steps(runId);
        if (json) {
            out().println(Json.write(RunView.of(summary, steps, ws.home().toString())));
            return ExitCodes.OK;
        }
        out().println(summary.runbook() + " (" + summary.environment() + ")  run " + runId + "  " + summary.status().label());
        out().println("started " + summary.createdAt() + " by " + summary.initiator()
                + (summary.finishedAt() != null ? ", finished " + summary.finishedAt() : ""));
        if (!summary.vars().isEmpty()) {
            out().println("variables: " + String.join(", ", summary.vars().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        for (StepListing s : steps) {
            String detail = s.row().detail();
            out().printf("  %-11s %-7s %s%s%s%n", s.row().status().label(), s.outline().kind(), s.row().id(),
                    s.outline().rollback() ? " (rollback)" : "",
                    detail == null ? "" : "  — " + detail.lines().findFirst().orElse(""));
        }
        out().println(RunSession.summary(summary, ws));
        return ExitCodes.OK;
    }
}
