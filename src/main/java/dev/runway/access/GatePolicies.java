package dev.runway.access;

import dev.runway.runbook.FrontMatter;
import dev.runway.runbook.FrontMatter.ApprovalPolicy;

/** Finds the approval policy of a gate: by its name, then {@code approvals.default}, then anyone. */
public final class GatePolicies {

    private GatePolicies() {}

    public static ApprovalPolicy resolve(FrontMatter front, String gateName) {
        var approvals = front.approvals();
        if (gateName != null && approvals.containsKey(gateName)) return approvals.get(gateName);
        if (approvals.containsKey("default")) return approvals.get("default");
        return ApprovalPolicy.ANYONE;
    }
}
