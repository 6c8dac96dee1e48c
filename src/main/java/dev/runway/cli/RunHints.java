package dev.runway.cli;

import dev.runway.access.GatePolicies;
import dev.runway.engine.RunEvent;
import dev.runway.engine.RunSnapshot;
import dev.runway.engine.RunStatus;
import dev.runway.engine.RunSummary;
import dev.runway.plan.Plan;
import dev.runway.record.PeopleActs;
import dev.runway.runbook.Action;
import java.util.List;
import java.util.Optional;

/**
 * A run in a few lines as {@code run}, {@code resume} and {@code status} end with it: its status
 * and reason, and what a person can do next when it waits.
 */
final class RunHints {

    private RunHints() {}

    /**
     * What people journaled at the run's current wait that settles it (a decision, a rejection, a
     * confirmation), one line each; approvals are listed with the gate (its step row), which may
     * need more.
     */
    private static List<String> answered(Workspace ws, RunSummary run) {
        List<String> lines = new java.util.ArrayList<>();
        // Usually nobody has answered yet: SQLite finds no entries, and no JSON is decoded (it
        // would cost a status call most of its time).
        for (PeopleActs.Act act : PeopleActs.acts(ws.store().loadAfterLast(run.id(), PeopleActs.SETTLING, PeopleActs.WAIT))) {
            switch (act) {
                case PeopleActs.Decision d -> lines.add("decided:  " + d.choice().label() + " by " + d.by() + because(d.reason()));
                case PeopleActs.Rejection r -> lines.add("rejected by " + r.by() + because(r.comment()));
                case PeopleActs.Confirmation c -> lines.add("confirmed by " + c.by() + because(c.comment()));
                case PeopleActs.Approval ignored -> { }
            }
        }
        return lines;
    }

    /** Where the run waits and what settles the wait, as the lines after the run's status. */
    private static void atWait(StringBuilder sb, RunSummary run, RunSummary.Awaiting a, List<RunSnapshot.StepListing> steps,
                               Workspace ws) {
        String id = run.id();
        var awaited = steps.stream().filter(l -> l.row().id().equals(a.step())).findFirst();
        // Who approved since the gate was reached is in its step row; the wait's reason predates them.
        List<String> approvers = a.kind() == RunEvent.Await.GATE ? awaited.map(l -> l.row().approvers()).orElse(List.of()) : List.of();
        List<String> answered = answered(ws, run);
        // A rejection ends the gate whatever its approvals; otherwise a gate may have all it needs, unpassed until a process looks.
        Optional<String> passed = answered.isEmpty() && !approvers.isEmpty() ? quorum(ws, id, a, approvers) : Optional.empty();
        sb.append(" at step \"").append(a.step()).append("\": ").append(passed.orElse(a.reason())).append('\n');
        if (passed.isEmpty() && !approvers.isEmpty()) sb.append(approvedSoFar(approvers, a.approvalsNeeded()));
        if (!answered.isEmpty()) {
            // The wait is answered: what to do now is let a process act on it, not answer it again.
            answered.forEach(line -> sb.append("  ").append(line).append(" — not carried out yet\n"));
            sb.append(Drivers.none(ws, id).map(none -> "  " + none + "; carry it out: runway resume " + id)
                    .orElse("  the process driving this run carries it out"));
        } else if (passed.isPresent()) {
            sb.append(Drivers.none(ws, id).map(none -> "  " + none + "; it passes when the run is resumed: runway resume " + id)
                    .orElse("  the process driving this run passes it as soon as it sees the approvals"));
        } else {
            // A decision is asked on the step in hand: a rollback step means the run is rolling back.
            boolean rollingBack = awaited.map(l -> l.outline().rollback()).orElse(false);
            sb.append(switch (a.kind()) {
                case GATE -> "  approve:  runway approve " + id + " --as NAME [--comment …]\n  reject:   runway reject " + id + " --as NAME";
                case MANUAL -> "  confirm:  runway confirm " + id + "\n  skip:     runway decide " + id + " skip --reason …";
                case DECISION -> "  decide:   runway decide " + id + " " + RunEvent.Decision.choices(rollingBack) + " [--reason …]";
                case TIMER -> "  the timer ends at " + a.until();
            });
            // A live process polls the store for what people journal: resuming it would be refused as busy.
            sb.append("\n  then:     ").append(Drivers.driver(ws, id).map(d -> "the process driving it (" + d + ") continues " + switch (a.kind()) {
                case GATE -> "once it is approved";
                case MANUAL -> "once it is confirmed";
                case DECISION -> "once it is decided";
                case TIMER -> "when the timer ends";
            }).orElse("runway resume " + id));
        }
    }

    /**
     * "gate "production" has the approvals it needs: bob, carol", when the approvers reach its
     * policy's count. The wait's entry says how many that is; a gate reached before it did so
     * finds it in its runbook, parsed again.
     */
    private static Optional<String> quorum(Workspace ws, String runId, RunSummary.Awaiting a, List<String> approvers) {
        if (a.approvalsNeeded() != null && approvers.size() < a.approvalsNeeded()) return Optional.empty();
        Plan plan = ws.planOf(runId);
        if (!(plan.step(a.step()).bound() instanceof Action.Gate gate)) return Optional.empty();
        int needed = GatePolicies.resolve(plan.runbook().front(), gate.policy()).count();
        if (approvers.size() < needed) return Optional.empty();
        return Optional.of("gate \"" + gate.policy() + "\" has the approvals it needs: " + String.join(", ", approvers));
    }

    /** "  approved so far by bob (1 of 2)", the count when the wait recorded it; the same for a run on a server. */
    static String approvedSoFar(List<String> approvers, Integer needed) {
        return "  approved so far by " + String.join(", ", approvers) + (needed == null ? "" : " (" + approvers.size() + " of " + needed + ")")
                + "\n";
    }

    private static String because(String text) {
        return text == null || text.isBlank() ? "" : " (" + text + ")";
    }

    static String summary(RunSummary run, Workspace ws) {
        String id = run.id();
        StringBuilder sb = new StringBuilder();
        sb.append("run ").append(id).append(" ").append(run.status().label());
        if (run.reason() != null) sb.append(": ").append(run.reason());
        RunSummary.Awaiting a = run.awaiting();
        // The step rows, read once and only when a hint needs them.
        boolean needsSteps = run.status() == RunStatus.ROLLBACK_FAILED
                || (a != null && (a.kind() == RunEvent.Await.GATE || a.kind() == RunEvent.Await.DECISION));
        List<RunSnapshot.StepListing> steps = needsSteps ? ws.store().steps(id) : List.of();
        if (a != null) atWait(sb, run, a, steps, ws);
        if (run.status() == RunStatus.ROLLBACK_FAILED && steps.stream().anyMatch(l -> l.outline().rollback())) {
            // The change may still stand: say how to finish the rollback once its cause is fixed.
            sb.append("\n  retry:    runway rollback ").append(id)
                    .append(" --reason …   (runs the rollback again from the step that did not complete)");
        }
        sb.append("\nrecord: runway report ").append(id).append(" --home ").append(ws.home());
        return sb.toString();
    }
}
