package dev.runway.runbook;

import java.util.Map;

/**
 * Whether each gate finds its approval policy (DESIGN.md, "Access"): by name, then
 * {@code approvals.default}, then anyone. Falling through to anyone is what a runbook without
 * approvals means; in a runbook that declares policies it is a misspelt name lowering the bar.
 */
final class GatePolicyCheck {
    private final Problems problems;
    private final Map<String, FrontMatter.ApprovalPolicy> approvals;

    GatePolicyCheck(Problems problems, FrontMatter front) {
        this.problems = problems;
        this.approvals = front.approvals();
    }

    void check(Draft d, Action.Gate g) {
        String name = g.policy();
        if (approvals.containsKey(name)) {
            return;
        }
        boolean hasDefault = approvals.containsKey("default");
        if (approvals.isEmpty()) {
            problems.warn("gate-without-policy", d.line, d.column,
                    "gate \"" + name + "\" has no approval policy; any one person may approve");
            return;
        }
        String guess = Spelling.didYouMean(name, approvals.keySet());
        if (d.actionAt == null) {
            // A GATE blockquote is named after its section: "## Production deploy" does not find a
            // policy declared as "production", and without a default anyone, the initiator too, could approve.
            if (!hasDefault) {
                problems.error("undeclared-gate-policy", d.line, d.column, "gate \"" + name + "\" (named after its section)"
                        + " matches no declared approval policy (declared: " + String.join(", ", approvals.keySet())
                        + ") and there is no approvals.default, so any one person could approve it; name its policy in a"
                        + " ```runway block (gate: NAME)" + guess);
            }
            return;
        }
        if (hasDefault) {
            problems.warn("gate-uses-default", d.actionAt.line(), d.actionAt.column(), "gate \"" + name
                    + "\" names no declared approval policy, so approvals.default applies" + guess);
        } else {
            problems.error("undeclared-gate-policy", d.actionAt.line(), d.actionAt.column(), "gate \"" + name
                    + "\" names no declared approval policy (declared: " + String.join(", ", approvals.keySet())
                    + ") and there is no approvals.default, so any one person could approve it" + guess);
        }
    }
}
