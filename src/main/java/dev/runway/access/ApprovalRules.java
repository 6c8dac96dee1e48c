package dev.runway.access;

import dev.runway.runbook.FrontMatter.ApprovalPolicy;
import java.util.Optional;

/**
 * Decides whether a person may approve a gate. Pure: the caller brings the identity, the
 * policy and the run's initiator.
 */
public final class ApprovalRules {

    private ApprovalRules() {}

    /** Empty when allowed; otherwise the reason, worded for the person who was refused. */
    public static Optional<String> refusal(Identity who, ApprovalPolicy policy, String initiator, String gate) {
        return refusal(who, policy, initiator, gate, "approve");
    }

    /** As {@link #refusal(Identity, ApprovalPolicy, String, String)}, for {@code verb} (approve or reject). */
    public static Optional<String> refusal(Identity who, ApprovalPolicy policy, String initiator, String gate, String verb) {
        if (who.isAgent()) {
            return Optional.of(who.name() + " has the agent role, which may never " + verb + " a gate");
        }
        if (policy.notInitiator() && who.name().equals(initiator)) {
            return Optional.of(who.name() + " started this run and gate \"" + gate
                    + "\" needs someone else to " + verb + " (four eyes)");
        }
        boolean open = policy.roles().isEmpty() && policy.users().isEmpty();
        boolean byUser = policy.users().contains(who.name());
        boolean byRole = policy.roles().stream().anyMatch(who::has);
        if (open || byUser || byRole) return Optional.empty();
        StringBuilder needs = new StringBuilder();
        if (!policy.roles().isEmpty()) needs.append("one of the roles ").append(String.join(", ", policy.roles()));
        if (!policy.users().isEmpty()) {
            if (!needs.isEmpty()) needs.append(" or ");
            needs.append("one of the users ").append(String.join(", ", policy.users()));
        }
        return Optional.of(who.name() + " may not " + verb + " gate \"" + gate + "\": it needs " + needs);
    }

    /** Why a second approval by the same person does not count: a quorum is of distinct people. */
    public static String alreadyApproved(String who, ApprovalPolicy policy, String gate) {
        String from = policy.count() == 1 ? "1 person" : policy.count() + " different people";
        return who + " has already approved gate \"" + gate + "\"; approvals must come from " + from;
    }
}
