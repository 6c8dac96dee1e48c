package dev.runway.record;

import dev.runway.engine.RunEvent;
import dev.runway.engine.RunEvent.*;
import dev.runway.engine.RunState;
import dev.runway.engine.StepState;
import dev.runway.engine.StepStatus;
import dev.runway.engine.StepVerdicts;
import dev.runway.engine.StoredEvent;
import dev.runway.plan.Plan;
import dev.runway.plan.PlannedStep;
import dev.runway.runbook.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The executed runbook: the original document with each step's outcome written in where the
 * step stands (ticked boxes, status, UTC times, durations, every approval, rejection,
 * confirmation and decision with its time, actor and comment, output excerpts), a summary on
 * top and the full event timeline at the end. Evidence for an auditor that reads like the
 * document the team already knows.
 */
public final class ExecutedRunbook {

    private ExecutedRunbook() {}

    public static String markdown(RunState state, Plan plan) {
        List<String> lines = new ArrayList<>(List.of(state.start().source().replace("\r\n", "\n").split("\n", -1)));
        Map<Integer, List<String>> after = new HashMap<>();
        PeopleActs acts = peopleActs(state);
        for (PlannedStep p : plan.steps()) {
            Step step = p.step();
            int idx = step.line() - 1;
            if (idx < 0 || idx >= lines.size()) continue;
            StepState s = state.stepOrPending(step.id());
            String line = lines.get(idx);
            if (s.status() == StepStatus.SUCCEEDED && line.matches("^\\s*[-*+] \\[ \\].*")) {
                lines.set(idx, line.replaceFirst("\\[ \\]", "[x]"));
            }
            int insertAt = blockEnd(lines, idx);
            after.computeIfAbsent(insertAt, k -> new ArrayList<>()).addAll(annotation(p, s, state, acts, indentOf(line)));
        }
        StringBuilder out = new StringBuilder();
        out.append(header(state));
        boolean frontMatter = !lines.isEmpty() && lines.get(0).strip().equals("---");
        int start = 0;
        if (frontMatter) {
            // Keep the front matter out of the rendered record's body: it is in the summary.
            for (int i = 1; i < lines.size(); i++) {
                if (lines.get(i).strip().equals("---") || lines.get(i).strip().equals("...")) { start = i + 1; break; }
            }
        }
        for (int i = start; i < lines.size(); i++) {
            out.append(lines.get(i)).append('\n');
            List<String> extra = after.get(i);
            if (extra != null) extra.forEach(l -> out.append(l).append('\n'));
        }
        out.append(timeline(state));
        return out.toString();
    }

    /** The last line of the Markdown block that starts at {@code idx}: a fence, a table, a quote, or the line itself. */
    static int blockEnd(List<String> lines, int idx) {
        String first = lines.get(idx).strip();
        if (first.startsWith("```") || first.startsWith("~~~")) {
            String fence = first.startsWith("```") ? "```" : "~~~";
            for (int i = idx + 1; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith(fence)) return i;
            }
            return lines.size() - 1;
        }
        if (first.startsWith("|") || first.startsWith(">")) {
            char c = first.charAt(0);
            int i = idx;
            while (i + 1 < lines.size() && !lines.get(i + 1).isBlank() && lines.get(i + 1).strip().charAt(0) == c) i++;
            return i;
        }
        // Inside a fenced block that starts above (a step made from a line within a block).
        int fenceOpen = -1;
        for (int i = 0; i < idx; i++) {
            String t = lines.get(i).strip();
            if (t.startsWith("```") || t.startsWith("~~~")) fenceOpen = fenceOpen < 0 ? i : -1;
        }
        if (fenceOpen >= 0) return blockEnd(lines, fenceOpen);
        if (isTableRow(lines.get(idx))) {
            int i = idx;
            while (i + 1 < lines.size() && isTableRow(lines.get(i + 1))) i++;
            return i;
        }
        return idx;
    }

    private static boolean isTableRow(String line) {
        return line.strip().startsWith("|");
    }

    private static String indentOf(String line) {
        int n = 0;
        while (n < line.length() && line.charAt(n) == ' ') n++;
        return " ".repeat(n);
    }

    static boolean notRun(RunState state, StepState s) {
        return s.status().notRunIn(state.status());
    }

    /** The step's status as the report shows it, in Markdown, HTML and JSON alike. */
    static String statusLabel(RunState state, StepState s) {
        return s.status().labelIn(state.status());
    }

    private static List<String> annotation(PlannedStep p, StepState s, RunState state, PeopleActs acts, String indent) {
        List<String> out = new ArrayList<>();
        String prefix = indent + "  > ";
        StringBuilder sb = new StringBuilder();
        sb.append(notRun(state, s) ? "–" : icon(s.status())).append(" **").append(statusLabel(state, s))
                .append("** `").append(p.id()).append('`');
        if (s.startedAt() != null) sb.append(" · ").append(utc(s.startedAt()));
        if (s.startedAt() != null && s.finishedAt() != null) sb.append(" → ").append(utc(s.finishedAt()))
                .append(" (").append(duration(Duration.between(s.startedAt(), s.finishedAt()))).append(')');
        if (s.attempt() > 1) sb.append(" · attempt ").append(s.attempt());
        out.add("");
        out.add(prefix + sb);
        List<PeopleActs.Act> people = acts.at(p.id());
        // A verdict that only names who acted is said by the acts listed below, each with its time and comment.
        if (s.detail() != null && !StepVerdicts.onlyNamesPeople(s) && !ActNotes.repeat(s.detail(), people)) {
            out.add(prefix + s.detail().lines().findFirst().orElse(""));
        }
        out.addAll(ActNotes.lines(prefix, people, acts.unapplied()));
        if (s.output() != null && !s.output().isBlank()) {
            out.add(prefix);
            List<String> o = s.output().lines().toList();
            out.addAll(codeBlock(prefix, o.subList(Math.max(0, o.size() - 12), o.size())));
        }
        out.add("");
        return out;
    }

    /**
     * {@code text} as a fenced block, each line after {@code prefix}: the fence is longer than any
     * run of backticks in it, so no line of the text can close it early.
     */
    static List<String> codeBlock(String prefix, List<String> text) {
        int longest = 0;
        for (String line : text) {
            int run = 0;
            for (int i = 0; i < line.length(); i++) {
                run = line.charAt(i) == '`' ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
        }
        String fence = "`".repeat(Math.max(3, longest + 1));
        List<String> out = new ArrayList<>();
        out.add(prefix + fence + "text");
        text.forEach(l -> out.add(prefix + l));
        out.add(prefix + fence);
        return out;
    }

    private static String header(RunState state) {
        StringBuilder sb = new StringBuilder();
        RunStarted start = state.start();
        sb.append("<!-- Executed runbook generated by Runway from run ").append(state.runId()).append(" -->\n\n");
        sb.append("| Run | ").append(state.runId()).append(" |\n|---|---|\n");
        sb.append("| Runbook | ").append(start.runbook()).append(" (").append(start.environment()).append(") |\n");
        sb.append("| File | `").append(start.file()).append("` (sha256 ").append(start.sourceSha256(), 0, 12).append("…) |\n");
        sb.append("| Status | **").append(state.status().label()).append("**")
                .append(state.finishReason() == null ? "" : " — " + state.finishReason()).append(" |\n");
        sb.append("| Initiator | ").append(start.initiator()).append(" |\n");
        sb.append("| Started (UTC) | ").append(utc(state.startedAt())).append(" |\n");
        if (state.finishedAt() != null) {
            sb.append("| Finished (UTC) | ").append(utc(state.finishedAt())).append(" (")
                    .append(duration(Duration.between(state.startedAt(), state.finishedAt()))).append(") |\n");
        }
        if (!start.vars().isEmpty()) {
            sb.append("| Variables | ");
            start.vars().forEach((k, v) -> sb.append('`').append(k).append('=').append(v.replace("|", "\\|")).append("` "));
            sb.append("|\n");
        }
        if (!start.secretNames().isEmpty()) {
            sb.append("| Secrets | ").append(String.join(", ", start.secretNames())).append(" (values never stored) |\n");
        }
        sb.append("\n---\n\n");
        return sb.toString();
    }

    private static String timeline(RunState state) {
        StringBuilder sb = new StringBuilder("\n---\n\n## Execution record\n\n| # | Time (UTC) | Actor | Event | Step | Detail |\n|---|---|---|---|---|---|\n");
        for (StoredEvent e : state.events()) {
            sb.append("| ").append(e.runSeq()).append(" | ").append(utc(e.at())).append(" | ").append(e.actor())
                    .append(" | ").append(e.event().type()).append(" | ").append(e.event().step() == null ? "" : e.event().step())
                    .append(" | ").append(cell(detail(e.event()))).append(" |\n");
        }
        return sb.toString();
    }

    public static String detail(RunEvent event) {
        return switch (event) {
            case RunStarted e -> "started by " + e.initiator();
            case StepStarted e -> "attempt " + e.attempt();
            case StepSucceeded e -> e.detail();
            case StepFailed e -> e.reason().lines().findFirst().orElse("");
            case StepInterrupted e -> "attempt " + e.attempt() + " interrupted";
            case StepAwaiting e -> e.reason();
            case StepSkipped e -> e.reason();
            case Approved e -> e.comment() == null ? "approved" : "approved: " + e.comment();
            case Rejected e -> e.comment() == null ? "rejected" : "rejected: " + e.comment();
            case Confirmed e -> e.onBehalf() ? "confirmed on the initiator's behalf (--confirm-manual)" : "confirmed";
            case Decided e -> e.choice().label() + (e.reason() == null ? "" : ": " + e.reason());
            case ActionDenied e -> "refused " + e.action() + ": " + e.reason();
            case RollbackRequested e -> e.reason() == null ? "rollback requested" : e.reason();
            case RunResumed e -> "resumed; what follows runs in " + e.actor() + "'s name";
            case WatchStarted e -> "watching " + String.join(", ", e.triggers()) + " until " + utc(e.until());
            case RollbackStarted e -> e.reason();
            case RunFinished e -> e.status().label() + ": " + e.reason();
            case TokenCreated e -> "token " + e.tokenId() + " created for " + e.user() + " (" + String.join(",", e.roles()) + ")";
            case TokenRevoked e -> "token " + e.tokenId() + " of " + e.user() + " revoked";
        };
    }

    public static Map<String, Object> json(RunState state, Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", state.runId());
        m.put("status", state.status().label());
        m.put("runbook", state.start().runbook());
        m.put("environment", state.start().environment());
        m.put("file", state.start().file());
        m.put("source_sha256", state.start().sourceSha256());
        m.put("initiator", state.initiator());
        m.put("vars", state.start().vars());
        m.put("started_at", state.startedAt());
        m.put("finished_at", state.finishedAt());
        m.put("reason", state.finishReason());
        List<Map<String, Object>> steps = new ArrayList<>();
        PeopleActs acts = peopleActs(state);
        for (PlannedStep p : plan.steps()) {
            StepState s = state.stepOrPending(p.id());
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("id", p.id());
            row.put("section", p.step().section());
            row.put("title", p.shown().title());
            row.put("kind", p.step().kind());
            row.put("line", p.step().line());
            row.put("rollback", p.step().rollback());
            row.put("status", statusLabel(state, s));
            row.put("attempt", s.attempt());
            row.put("started_at", s.startedAt());
            row.put("finished_at", s.finishedAt());
            row.put("duration_ms", RunDocument.durationMs(s.startedAt(), s.finishedAt()));
            row.put("detail", s.detail());
            row.put("approved_by", s.approvers());
            List<PeopleActs.Act> people = acts.at(p.id());
            row.put("confirmed_by", s.confirmedBy() == null ? null : RunDocument.confirmer(people, s.confirmedBy()));
            RunDocument.people(row, people);
            row.put("output_excerpt", s.output());
            steps.add(row);
        }
        m.put("steps", steps);
        List<Map<String, Object>> events = new ArrayList<>();
        for (StoredEvent e : state.events()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("seq", e.runSeq());
            row.put("at", e.at());
            row.put("actor", e.actor());
            row.put("type", e.event().type());
            row.put("step", e.event().step());
            row.put("detail", detail(e.event()));
            events.add(row);
        }
        m.put("events", events);
        return m;
    }

    /** Who acted at the run's steps, read from the journal as status reads it, so that both say the same. */
    private static PeopleActs peopleActs(RunState state) {
        return PeopleActs.of(state.events(), state.status());
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    private static String icon(StepStatus s) {
        return switch (s) {
            case SUCCEEDED -> "✅";
            case FAILED -> "❌";
            case SKIPPED -> "↷";
            case WAITING -> "⏸";
            case RUNNING -> "▶";
            case INTERRUPTED -> "⚠";
            case CANCELLED -> "⊘";
            case PENDING -> "·";
        };
    }

    /** A time as records and logs show it: {@code 2026-12-03 15:13:22Z}. */
    public static String utc(Instant t) {
        return t == null ? "" : t.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ');
    }

    static String duration(Duration d) {
        return d.toMillis() < 60_000 ? String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0)
                : String.format(Locale.ROOT, "%dm %02ds", d.toMinutes(), d.toSecondsPart());
    }
}
