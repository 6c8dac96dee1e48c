package dev.runway.engine;

import java.util.List;

/**
 * The verdicts of steps that people settle: a gate is passed by its approvers or failed by a
 * rejection, a manual task completed by whoever confirmed it, a failed step skipped by whoever
 * decided so. One wording, so that a record can tell a verdict that only repeats who acted (and
 * list them itself, with their comments) from one that says more.
 */
public final class StepVerdicts {

    private StepVerdicts() {}

    public static String approvedBy(List<String> approvers) {
        return "approved by " + String.join(", ", approvers);
    }

    public static String confirmedBy(String who) {
        return "confirmed by " + who;
    }

    /** Who confirmed a task, as the read model keeps it: saying so when {@code --confirm-manual} did it for the initiator. */
    public static String confirmer(String who, boolean onBehalf) {
        return who + (onBehalf ? " (confirmed on the initiator's behalf by --confirm-manual)" : "");
    }

    public static String rejectedBy(String who, String comment) {
        return "rejected by " + who + (comment == null || comment.isBlank() ? "" : ": " + comment);
    }

    public static String skippedBy(String who, String reason) {
        return "skipped by " + who + ": " + reason;
    }

    /** Whether the step's verdict says no more than its approvals or its confirmation do. */
    public static boolean onlyNamesPeople(StepState s) {
        String detail = s.detail();
        if (detail == null) return false;
        return (!s.approvers().isEmpty() && detail.equals(approvedBy(s.approvers())))
                || (s.confirmedBy() != null && detail.equals(confirmedBy(s.confirmedBy())));
    }
}
