package dev.runway.cli;

import dev.runway.engine.RunState;
import dev.runway.engine.StepState;
import dev.runway.plan.Plan;
import dev.runway.plan.PlannedStep;
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
        RunState state = ws.state(runId);
        Plan plan = ws.planOf(state.start(), false);
        if (json) {
            out().println(Json.write(RunView.of(state, plan, ws.home().toString())));
            return ExitCodes.OK;
        }
        out().println(state.start().runbook() + " (" + state.start().environment() + ")  run " + runId + "  " + state.status().label());
        out().println("started " + state.startedAt() + " by " + state.initiator()
                + (state.finishedAt() != null ? ", finished " + state.finishedAt() : ""));
        if (!state.start().vars().isEmpty()) {
            out().println("variables: " + String.join(", ", state.start().vars().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList()));
        }
        for (PlannedStep p : plan.steps()) {
            StepState s = state.stepOrPending(p.id());
            out().printf("  %-11s %-7s %s%s%s%n", s.status().label(), p.step().kind(), p.id(), p.step().rollback() ? " (rollback)" : "",
                    s.detail() == null ? "" : "  — " + s.detail().lines().findFirst().orElse(""));
        }
        out().println(RunSession.summary(state, ws));
        return ExitCodes.OK;
    }
}
