package dev.runway.cli;

import dev.runway.engine.JournalStore.OutputChunk;
import dev.runway.engine.RunEvent;
import dev.runway.engine.RunState;
import dev.runway.plan.PlannedStep;
import dev.runway.record.StepAttempt;
import dev.runway.runbook.Action;
import java.util.List;
import java.util.Optional;
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
        AttemptLog log = new AttemptLog(out(), step == null);
        long after = 0;
        while (true) {
            boolean ended = follow && dev.runway.engine.RunStatus.fromLabel(server.get(RemoteRun.path(run)).path("status").asText()).isTerminal();
            // All pages before printing: the first page's attempts were read before any of the chunks.
            List<StepAttempt> attempts = null;
            List<OutputChunk> chunks = new java.util.ArrayList<>();
            while (true) {
                var page = server.get(base + "after=" + after);
                if (attempts == null) attempts = attempts(page.path("attempts"));
                for (var c : page.path("chunks")) {
                    chunks.add(new OutputChunk(c.path("id").asLong(), c.path("step").asText(), c.path("attempt").asInt(), c.path("text").asText()));
                    after = c.path("id").asLong();
                }
                if (page.path("next_after").isNull() || page.path("next_after").isMissingNode()) break;
            }
            log.print(attempts, chunks);
            out().flush();
            if (!follow || ended) return ExitCodes.OK;
            Thread.sleep(RemoteRun.POLL_MS);
        }
    }

    private static List<StepAttempt> attempts(com.fasterxml.jackson.databind.JsonNode rows) {
        List<StepAttempt> attempts = new java.util.ArrayList<>();
        for (var a : rows) {
            attempts.add(new StepAttempt(a.path("step").asText(), a.path("attempt").asInt(),
                    java.time.Instant.parse(a.path("started_at").asText()), a.hasNonNull("outcome") ? a.path("outcome").asText() : null));
        }
        return attempts;
    }

    @Override
    int execute(Workspace ws) throws InterruptedException {
        String runId = ws.resolveRun(run);
        RunState state = ws.state(runId);
        Action action = step == null ? null : ws.planOf(state.start(), false).steps().stream().filter(p -> p.id().equals(step))
                .findFirst().map(PlannedStep::bound).orElseThrow(() -> new UsageError("run " + runId + " has no step \"" + step + "\""));
        AttemptLog log = new AttemptLog(out(), step == null);
        long after = 0;
        boolean printed = false;
        RunEvent.StepAwaiting told = null;
        while (true) {
            // The journal before the output: an attempt it shows ended has all its output stored.
            List<StepAttempt> attempts = StepAttempt.of(state.events()).stream().filter(a -> step == null || a.step().equals(step)).toList();
            List<OutputChunk> chunks = ws.store().output(runId, step, after);
            log.print(attempts, chunks);
            printed |= !attempts.isEmpty() || !chunks.isEmpty();
            if (!chunks.isEmpty()) after = chunks.getLast().id();
            out().flush();
            if (!follow || state.status().isTerminal()) {
                // Nothing on stdout and exit 0 would read as "no such step" or as a broken command.
                if (!printed) err().println(nothingYet(runId, state, action));
                return ExitCodes.OK;
            }
            RunEvent.StepAwaiting waiting = state.awaiting();
            if (waiting != null && !waiting.equals(told)) {
                // Once per wait: followed in silence, such a run would look like a hung command.
                Optional<String> none = Drivers.none(ws, runId);
                if (none.isPresent()) {
                    err().println(waitsFor(runId, waiting) + " and " + none.get() + ": it moves on only once it is resumed (runway resume "
                            + runId + "); still following");
                    told = waiting;
                }
            }
            Thread.sleep(200);
            ws.store().since(runId, state.lastRunSeq()).forEach(state::apply);
        }
    }

    private String nothingYet(String runId, RunState state, Action action) {
        boolean ended = state.status().isTerminal();
        if (step == null) return "run " + runId + (ended ? " printed no output" : " has no output yet");
        if (!action.runs()) return "step \"" + step + "\" is a " + action.kind() + " step, which prints no output";
        return "step \"" + step + "\" " + (ended ? "did not run in run " + runId + " (the run ended: " + state.status().label() + ")"
                : "has not run yet in run " + runId);
    }

    private static String waitsFor(String runId, RunEvent.StepAwaiting waiting) {
        String what = switch (waiting.await()) {
            case GATE -> "an approval";
            case MANUAL -> "a manual confirmation";
            case DECISION -> "a decision";
            case TIMER -> "its timer";
        };
        return "run " + runId + " waits for " + what + " at step \"" + waiting.step() + "\"";
    }
}
