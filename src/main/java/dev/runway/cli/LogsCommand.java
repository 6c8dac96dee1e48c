package dev.runway.cli;

import dev.runway.engine.JournalStore.OutputChunk;
import dev.runway.engine.RunState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "logs", mixinStandardHelpOptions = true, description = "Print the output of a run's steps.")
final class LogsCommand extends BaseCommand implements BaseCommand.Remote {

    @Parameters(index = "0", paramLabel = "RUN")
    String run;

    @Option(names = "--step", paramLabel = "ID", description = "Only this step.")
    String step;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new output until the run ends.")
    boolean follow;

    /** Pages through {@code GET …/logs?after=} with the server's cursor; with --follow until the run ends. */
    @Override
    boolean readsOnly() {
        return true;
    }

    @Override
    public int remote(ServerClient server) throws InterruptedException {
        String base = RemoteRun.path(run) + "/logs?" + (step == null ? "" : "step=" + ServerClient.encode(step) + "&");
        long after = 0;
        String current = null;
        while (true) {
            boolean ended = follow && dev.runway.engine.RunStatus.fromLabel(server.get(RemoteRun.path(run)).path("status").asText()).isTerminal();
            while (true) {
                var page = server.get(base + "after=" + after);
                for (var c : page.path("chunks")) {
                    String header = c.path("step").asText() + " (attempt " + c.path("attempt").asInt() + ")";
                    if (step == null && !header.equals(current)) {
                        out().println("── " + header + " ──");
                        current = header;
                    }
                    String text = c.path("text").asText();
                    out().print(text.endsWith("\n") ? text : text + "\n");
                    after = c.path("id").asLong();
                }
                if (page.path("next_after").isNull() || page.path("next_after").isMissingNode()) break;
            }
            out().flush();
            if (!follow || ended) return ExitCodes.OK;
            Thread.sleep(RemoteRun.POLL_MS);
        }
    }

    @Override
    int execute(Workspace ws) throws InterruptedException {
        String runId = ws.resolveRun(run);
        RunState state = ws.state(runId);
        if (step != null && ws.planOf(state.start(), false).steps().stream().noneMatch(p -> p.id().equals(step))) {
            throw new UsageError("run " + runId + " has no step \"" + step + "\"");
        }
        long after = 0;
        String current = null;
        while (true) {
            for (OutputChunk c : ws.store().output(runId, step, after)) {
                String header = c.step() + " (attempt " + c.attempt() + ")";
                if (step == null && !header.equals(current)) {
                    out().println("── " + header + " ──");
                    current = header;
                }
                out().print(c.text().endsWith("\n") ? c.text() : c.text() + "\n");
                after = c.id();
            }
            out().flush();
            if (!follow) return ExitCodes.OK;
            var summary = ws.store().summary(runId).orElseThrow();
            if (summary.status().isTerminal()) {
                // one last read: output stored just before the run ended
                for (OutputChunk c : ws.store().output(runId, step, after)) out().print(c.text());
                return ExitCodes.OK;
            }
            Thread.sleep(200);
        }
    }
}
