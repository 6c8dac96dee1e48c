package dev.runway.engine;

import java.util.List;

/**
 * The verdicts of steps that people complete: a gate is passed by its approvers, a manual task
 * by whoever confirmed it. One wording, so that a record can tell a verdict that only repeats
 * who acted (and list them itself, with their comments) from one that says more.
 */
public final class StepVerdicts {

    private StepVerdicts() {}

    public static String approvedBy(List<String> approvers) {
        return "approved by " + String.join(", ", approvers);
    }

    public static String confirmedBy(String who) {
        return "confirmed by " + who;
    }

    /** Whether the step's verdict says no more than its approvals or its confirmation do. */
    public static boolean onlyNamesPeople(StepState s) {
        String detail = s.detail();
        if (detail == null) return false;
        return (!s.approvers().isEmpty() && detail.equals(approvedBy(s.approvers())))
                || (s.confirmedBy() != null && detail.equals(confirmedBy(s.confirmedBy())));
    }
}
