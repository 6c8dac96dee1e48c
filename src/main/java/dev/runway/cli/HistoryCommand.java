package dev.runway.cli;

import dev.runway.engine.RunSummary;
import dev.runway.record.RunDocument;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history", mixinStandardHelpOptions = true, description = "List runs, newest first.")
final class HistoryCommand extends BaseCommand {

    @Option(names = "--json", description = "Print a JSON list.")
    boolean json;

    @Option(names = "--limit", defaultValue = "50", description = "How many runs (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--after", paramLabel = "RUN", description = "Start after this run: the last one of the previous page.")
    String after;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int execute(Workspace ws) {
        if (limit < 1) throw new UsageError("--limit must be at least 1");
        if (after != null && after.isBlank()) throw new UsageError("--after needs a run id");
        if (after != null) after = ws.resolveRun(after);
        // A home with no database has no runs: an empty history, as scripts expect, not an error (and nothing created).
        List<RunSummary> runs = ws.hasStore() ? ws.store().list(limit, 0, after) : List.of();
        if (json) {
            List<Map<String, Object>> rows = runs.stream().map(RunDocument::historyRow).toList();
            out().println(Json.write(rows));
            return ExitCodes.OK;
        }
        if (runs.isEmpty()) {
            // A page past the oldest run is the end of a history that has runs, not an empty home.
            out().println(after == null ? ws.noRuns() : "no runs after " + after + " in " + ws.home());
            return ExitCodes.OK;
        }
        out().printf("%-22s %-16s %-24s %-10s %-12s %-20s %s%n", "RUN", "STATUS", "RUNBOOK", "ENV", "VERSION", "STARTED (UTC)", "BY");
        for (RunSummary r : runs) {
            out().printf("%-22s %-16s %-24s %-10s %-12s %-20s %s%n", r.id(), r.status().label(), clip(shownName(r), 24),
                    clip(r.environment(), 10), clip(r.vars().getOrDefault("version", "-"), 12),
                    r.createdAt().toString().substring(0, 19).replace('T', ' '), r.initiator());
        }
        return ExitCodes.OK;
    }

    /**
     * A runbook without a name of its own is named by its title as written ("Release {version}"),
     * which keys its lock and groups its runs; people read the run's title, its variables bound.
     */
    private static String shownName(RunSummary r) {
        boolean template = !dev.runway.runbook.Placeholders.find(r.runbook()).isEmpty();
        return template && r.title() != null && !r.title().isBlank() ? r.title() : r.runbook();
    }

    private static String clip(String s, int w) {
        return s.length() > w ? s.substring(0, w - 1) + "…" : s;
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
