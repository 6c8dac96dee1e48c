package dev.runway.cli;

import dev.runway.engine.RunState;
import dev.runway.record.ExecutedRunbook;
import dev.runway.record.ReportHtml;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "report", mixinStandardHelpOptions = true,
        description = "The executed runbook: the document with each step's outcome, times, actors and output.")
final class ReportCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "RUN")
    String run;

    @Option(names = "--format", defaultValue = "md",
            description = "md, html (one self-contained page with a timeline) or json (default ${DEFAULT-VALUE}).")
    String format;

    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    int execute(Workspace ws) {
        String runId = ws.resolveRun(run);
        RunState state = ws.state(runId);
        var plan = ws.planOf(state.start(), false);
        switch (format) {
            case "md", "markdown" -> out().print(ExecutedRunbook.markdown(state, plan));
            case "html" -> out().print(ReportHtml.page(state, plan));
            case "json" -> out().println(Json.write(ExecutedRunbook.json(state, plan)));
            default -> throw new UsageError("unknown report format \"" + format + "\" (use md, html or json)");
        }
        return ExitCodes.OK;
    }
}
