package dev.runway.cli;

import dev.runway.engine.RunSnapshot.StepLine;
import dev.runway.engine.RunSummary;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true, description = "Show a run (default: the newest).")
final class StatusCommand extends BaseCommand implements BaseCommand.Remote {

    @Parameters(index = "0", arity = "0..1", paramLabel = "RUN")
    String run;

    @Option(names = "--json", description = "Print the run as one JSON object.")
    boolean json;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    public int remote(ServerClient server) {
        String runId = run;
        if (runId == null) {
            var runs = server.get("/api/runs?limit=1").path("runs");
            if (runs.isEmpty()) throw new UsageError("no runs on " + server.base() + " yet");
            runId = runs.get(0).path("run").asText();
        }
        var doc = server.get(RemoteRun.path(runId));
        if (json) {
            printAll(Json.write(doc) + System.lineSeparator());
            return ExitCodes.OK;
        }
        StringBuilder text = new StringBuilder();
        text.append(doc.path("runbook").asText()).append(" (").append(doc.path("environment").asText()).append(")  run ")
                .append(runId).append("  ").append(doc.path("status").asText()).append('\n');
        text.append("started ").append(doc.path("started_at").asText()).append(" by ").append(doc.path("initiator").asText());
        if (doc.hasNonNull("finished_at")) text.append(", finished ").append(doc.path("finished_at").asText());
        text.append('\n');
        for (var s : doc.path("steps")) {
            stepLine(text, s.path("status").asText(), s.path("kind").asText(), s.path("id").asText(), s.path("rollback").asBoolean(),
                    s.hasNonNull("detail") ? s.path("detail").asText() : null);
        }
        text.append(RemoteRun.summary(doc, server.base())).append('\n');
        printAll(text);
        return ExitCodes.OK;
    }

    /**
     * A run that says it is running while no live process holds it was cut off (kill -9, a lost
     * machine): nothing will move it until someone resumes it, and its status alone would not say so.
     */
    private static java.util.Optional<String> orphaned(Workspace ws, RunSummary summary) {
        var status = summary.status();
        // A waiting run needs a person, not a process; an ended one needs nothing.
        if (status.isTerminal() || status == dev.runway.engine.RunStatus.WAITING) return java.util.Optional.empty();
        return Drivers.none(ws, summary.id()).map(none -> "  " + none + "; continue it: runway resume " + summary.id());
    }

    @Override
    int execute(Workspace ws) {
        String runId = ws.resolveRun(run);
        RunSummary summary = ws.summary(runId);
        if (json) {
            printAll(Json.write(RunView.of(ws, summary)) + System.lineSeparator());
            return ExitCodes.OK;
        }
        List<StepLine> steps = ws.store().stepLines(runId);
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
        for (StepLine s : steps) stepLine(text, s.status().labelIn(summary.status()), s.kind(), s.id(), s.rollback(), s.detail());
        for (var m : ws.store().monitors(runId)) {
            long left = m.until() == null ? 0 : Math.max(0, java.time.Duration.between(ws.clock().instant(), m.until()).toSeconds());
            text.append("  watching    ").append(m.metric()).append(' ').append(m.shown()).append(" (threshold ").append(m.threshold())
                    .append(") ").append(m.state()).append(", ").append(m.samples()).append(" samples, ").append(left)
                    .append("s left [").append(m.scope()).append("]\n");
        }
        text.append(RunHints.summary(summary, ws)).append('\n');
        orphaned(ws, summary).ifPresent(note -> text.append(note).append('\n'));
        printAll(text);
        return ExitCodes.OK;
    }

    /** One step's line, the same for a run in the local store and one on a server. */
    private static void stepLine(StringBuilder text, String status, String kind, String id, boolean rollback, String detail) {
        text.append("  ");
        pad(text, status, 12);
        pad(text, kind, 8);
        text.append(id);
        if (rollback) text.append(" (rollback)");
        if (detail != null) text.append("  — ").append(firstLine(detail));
        text.append('\n');
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
