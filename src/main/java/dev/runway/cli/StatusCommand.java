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
        // One string, one write: a long runbook's status is a thousand lines, and formatting
        // them with printf, a write each, costs more than reading them.
        StringBuilder text = new StringBuilder(256 + steps.size() * 64);
        text.append(summary.runbook()).append(" (").append(summary.environment()).append(")  run ").append(runId)
                .append("  ").append(summary.status().label()).append('\n');
        text.append("started ").append(summary.createdAt()).append(" by ").append(summary.initiator());
        if (summary.finishedAt() != null) text.append(", finished ").append(summary.finishedAt());
        text.append('\n');
        if (!summary.vars().isEmpty()) {
            text.append("variables: ").append(String.join(", ", summary.vars().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).toList())).append('\n');
        }
        for (StepListing s : steps) {
            String detail = s.row().detail();
            text.append("  ");
            pad(text, s.row().status().label(), 12);
            pad(text, s.outline().kind(), 8);
            text.append(s.row().id());
            if (s.outline().rollback()) text.append(" (rollback)");
            if (detail != null) text.append("  — ").append(firstLine(detail));
            text.append('\n');
        }
        text.append(RunSession.summary(summary, ws)).append('\n');
        out().print(text);
        out().flush();
        return ExitCodes.OK;
    }

    private static void pad(StringBuilder sb, String s, int width) {
        sb.append(s);
        for (int i = s.length(); i < width; i++) sb.append(' ');
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
