package dev.runway.record;

import dev.runway.engine.RunEvent;
import dev.runway.engine.StepVerdicts;
import java.util.ArrayList;
import java.util.List;

/**
 * People's acts at a step as the executed runbook lists them under it: every approval,
 * rejection, confirmation and decision in the order the journal holds them, each with its UTC
 * time, who and what they wrote. A comment or reason is whatever its author typed: one of more
 * than one line goes whole into a code block, where no line of it can end the list, the quote or
 * the document around it.
 */
final class ActNotes {

    private ActNotes() {}

    /**
     * The list, each line starting with {@code prefix} (the step note's quote); nothing when no one
     * acted. An act in {@code unapplied} is said not to be carried out yet.
     */
    static List<String> lines(String prefix, List<PeopleActs.Act> acts, List<PeopleActs.Act> unapplied) {
        List<String> out = new ArrayList<>();
        if (acts.isEmpty()) return out;
        out.add(prefix);
        for (PeopleActs.Act act : acts) {
            String head = prefix + "- " + ExecutedRunbook.utc(act.at()) + " · " + what(act)
                    + (unapplied.contains(act) ? " (not carried out yet)" : "");
            String text = text(act);
            if (text == null || text.isBlank()) {
                out.add(head);
            } else if (text.lines().count() == 1) {
                out.add(head + ": " + text);
            } else {
                out.add(head + ":");
                out.addAll(ExecutedRunbook.codeBlock(prefix + "  ", text.lines().toList()));
            }
        }
        return out;
    }

    /**
     * Whether a step's verdict only repeats one of its acts (a rejection, a skip someone decided),
     * which the list says with the act's time and its text whole.
     */
    static boolean repeat(String detail, List<PeopleActs.Act> acts) {
        return acts.stream().map(ActNotes::verdict).anyMatch(detail::equals);
    }

    /** The verdict the act gives its step, as the engine words it; null for acts that leave the wording to others. */
    private static String verdict(PeopleActs.Act act) {
        return switch (act) {
            case PeopleActs.Rejection r -> StepVerdicts.rejectedBy(r.by(), r.comment());
            case PeopleActs.Decision d -> d.choice() == RunEvent.Decision.SKIP ? StepVerdicts.skippedBy(d.by(), d.reason()) : null;
            // A gate's verdict names all its approvers and a task's its confirmer: StepVerdicts.onlyNamesPeople tells those.
            case PeopleActs.Approval a -> null;
            case PeopleActs.Confirmation c -> null;
        };
    }

    private static String what(PeopleActs.Act act) {
        return switch (act) {
            case PeopleActs.Approval a -> StepVerdicts.approvedBy(List.of(a.by()));
            case PeopleActs.Rejection r -> StepVerdicts.rejectedBy(r.by(), null);
            case PeopleActs.Confirmation c -> StepVerdicts.confirmedBy(StepVerdicts.confirmer(c.by(), c.onBehalf()));
            case PeopleActs.Decision d -> "decided " + d.choice().label() + " by " + d.by();
        };
    }

    private static String text(PeopleActs.Act act) {
        return switch (act) {
            case PeopleActs.Approval a -> a.comment();
            case PeopleActs.Rejection r -> r.comment();
            case PeopleActs.Confirmation c -> c.comment();
            case PeopleActs.Decision d -> d.reason();
        };
    }
}
