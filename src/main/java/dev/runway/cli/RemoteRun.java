package dev.runway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.engine.RunEvent;
import dev.runway.engine.RunStatus;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A run on a server, as the CLI follows and shows it: polled until it ends or needs a person. */
final class RemoteRun {

    static final long POLL_MS = 300;

    private RemoteRun() {}

    static String path(String runId) {
        return "/api/runs/" + ServerClient.encode(runId);
    }

    /**
     * Polls the run until it ends (exit code as for a local run) or, with {@code noWait}, until
     * it waits for a person (exit 4). Without {@code noWait} a wait is announced once per step
     * and polling goes on, as a local run waits for its approval.
     */
    static int follow(ServerClient server, String runId, boolean noWait, boolean json, PrintStream out, PrintStream err)
            throws InterruptedException {
        String announced = null;
        while (true) {
            JsonNode run = server.get(path(runId));
            RunStatus status = RunStatus.fromLabel(run.path("status").asText());
            boolean needsPerson = status == RunStatus.WAITING && !run.path("awaiting").path("kind").asText().equals("timer");
            if (status.isTerminal() || (needsPerson && noWait)) {
                out.println(json ? Json.write(run) : summary(run, server.base()));
                return status.exitCode();
            }
            if (needsPerson && !json) {
                String at = run.path("awaiting").path("step").asText();
                if (!at.equals(announced)) {
                    err.println(summary(run, server.base()));
                    announced = at;
                }
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** One run in a few lines: status, reason, and what a person can do when it waits. */
    static String summary(JsonNode run, String base) {
        String id = run.path("run").asText();
        String cli = "runway --server " + base + " ";
        StringBuilder sb = new StringBuilder();
        sb.append("run ").append(id).append(' ').append(run.path("status").asText());
        if (!run.path("reason").isMissingNode() && !run.path("reason").isNull()) sb.append(": ").append(run.path("reason").asText());
        JsonNode a = run.path("awaiting");
        if (a.isObject()) {
            sb.append(" at step \"").append(a.path("step").asText()).append("\": ").append(a.path("reason").asText()).append('\n');
            if (a.path("kind").asText().equals("gate")) approvedSoFar(sb, run, a);
            boolean rollingBack = run.path("phase").asText().equals("rollback");
            sb.append(switch (a.path("kind").asText()) {
                case "gate" -> "  approve:  " + cli + "approve " + id + " [--comment …]\n  reject:   " + cli + "reject " + id;
                case "manual" -> "  confirm:  " + cli + "confirm " + id + "\n  skip:     " + cli + "decide " + id + " skip --reason …";
                case "decision" -> "  decide:   " + cli + "decide " + id + " " + RunEvent.Decision.choices(rollingBack) + " [--reason …]";
                default -> "  the timer ends at " + a.path("until").asText();
            });
        }
        return sb.toString();
    }

    /** "approved so far by bob (1 of 2)", as a local status says it, from the gate's step row. */
    private static void approvedSoFar(StringBuilder sb, JsonNode run, JsonNode awaiting) {
        for (JsonNode step : run.path("steps")) {
            if (!step.path("id").asText().equals(awaiting.path("step").asText())) continue;
            List<String> approvers = new ArrayList<>();
            step.path("approved_by").forEach(name -> approvers.add(name.asText()));
            if (!approvers.isEmpty()) {
                sb.append(RunHints.approvedSoFar(approvers, awaiting.hasNonNull("approvals_needed") ? awaiting.path("approvals_needed").asInt() : null));
            }
            return;
        }
    }
}
