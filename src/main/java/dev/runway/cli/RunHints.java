package dev.runway.cli;

import dev.runway.engine.RunEvent;
import dev.runway.engine.RunSnapshot;
import dev.runway.engine.RunStatus;
import dev.runway.engine.RunSummary;
import dev.runway.record.PeopleActs;
import java.util.List;

/**
 * A run in a few lines as {@code run}, {@code resume} and {@code status} end with it: its status
 * and reason, and what a person can do next when it waits.
 */
final class RunHints {

    private RunHints() {}

    /**
     * What people journaled at the run's current wait that settles it (a decision, a rejection, a
     * confirmation), one line each; approvals are listed with the gate, which may need more.
     */
    private static List<String> answered(Workspace ws, RunSummary run) {
        List<String> lines = new java.util.ArrayList<>();
        for (PeopleActs.Act act : PeopleActs.of(ws.store().load(run.id(), PeopleActs.TYPES), run.status()).unapplied()) {
            switch (act) {
                case PeopleActs.Decision d -> lines.add("decided:  " + d.choice().label() + " by " + d.by() + because(d.reason()));
                case PeopleActs.Rejection r -> lines.add("rejected by " + r.by() + because(r.comment()));
                case PeopleActs.Confirmation c -> lines.add("confirmed by " + c.by() + because(c.comment()));
                case PeopleActs.Approval ignored -> { }
            }
        }
        return lines;
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
        if (a != null) {
            sb.append(" at step \"").append(a.step()).append("\": ").append(a.reason()).append('\n');
            var awaited = steps.stream().filter(l -> l.row().id().equals(a.step())).findFirst();
            if (a.kind() == RunEvent.Await.GATE) {
                // The wait's reason was written when the gate was reached; who approved since is in its step row.
                awaited.map(l -> l.row().approvers()).filter(by -> !by.isEmpty())
                        .ifPresent(by -> sb.append("  approved so far by ").append(String.join(", ", by)).append('\n'));
            }
            List<String> answered = answered(ws, run);
            if (!answered.isEmpty()) {
                // The wait is answered: what to do now is let a process act on it, not answer it again.
                answered.forEach(line -> sb.append("  ").append(line).append(" — not carried out yet\n"));
                sb.append(Drivers.none(ws, id).map(none -> "  " + none + "; carry it out: runway resume " + id)
                        .orElse("  the process driving this run carries it out"));
            } else {
                // A decision is asked on the step in hand: a rollback step means the run is rolling back.
                boolean rollingBack = awaited.map(l -> l.outline().rollback()).orElse(false);
                sb.append(switch (a.kind()) {
                    case GATE -> "  approve:  runway approve " + id + " --as NAME [--comment …]\n  reject:   runway reject " + id + " --as NAME";
                    case MANUAL -> "  confirm:  runway confirm " + id + "\n  skip:     runway decide " + id + " skip --reason …";
                    case DECISION -> "  decide:   runway decide " + id + " " + RunEvent.Decision.choices(rollingBack) + " [--reason …]";
                    case TIMER -> "  the timer ends at " + a.until();
                });
                sb.append("\n  then:     runway resume ").append(id);
            }
        }
        if (run.status() == RunStatus.ROLLBACK_FAILED && steps.stream().anyMatch(l -> l.outline().rollback())) {
            // The change may still stand: say how to finish the rollback once its cause is fixed.
            sb.append("\n  retry:    runway rollback ").append(id)
                    .append(" --reason …   (runs the rollback again from the step that did not complete)");
        }
        sb.append("\nrecord: runway report ").append(id).append(" --home ").append(ws.home());
        return sb.toString();
    }
}
