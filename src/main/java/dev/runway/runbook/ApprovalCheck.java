package dev.runway.runbook;

import dev.runway.runbook.FrontMatter.ApprovalPolicy;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Approval policies that no one could ever pass. A gate with such a policy does not fail: it
 * waits forever, and the release finds out at the gate, after the changes before it are made.
 */
final class ApprovalCheck {
    private final Problems problems;

    ApprovalCheck(Problems problems) {
        this.problems = problems;
    }

    /**
     * @param roles the {@code roles} value as written, or null when the policy names none
     * @param count the {@code count} value as written, or null when it is the default 1
     */
    void check(String name, ApprovalPolicy policy, YamlNode roles, YamlNode count) {
        // With a misspelt role the author meant someone; the unknown role is the mistake to report.
        if (roles != null && !rolesKnown(name, roles)) {
            return;
        }
        boolean open = policy.roles().isEmpty() && policy.users().isEmpty();
        if (open || policy.roles().stream().anyMatch(r -> !r.equals(ApprovalPolicy.AGENT))) {
            return;
        }
        Set<String> users = new LinkedHashSet<>(policy.users());
        if (users.isEmpty()) {
            problems.error("impossible-approval", roles.line(), roles.column(), "approval \"" + name
                    + "\" can never pass: its only role is agent, which may never approve a gate (name another role or users)");
        } else if (users.size() < policy.count()) {
            problems.error("impossible-approval", count.line(), count.column(), "approval \"" + name
                    + "\" can never pass: it needs " + policy.count() + " different people to approve, but only "
                    + users.size() + (users.size() == 1 ? " user may (" : " users may (") + String.join(", ", users) + ")");
        }
    }

    private boolean rolesKnown(String name, YamlNode roles) {
        boolean known = true;
        List<YamlNode> items = roles instanceof YamlNode.Sequence q ? q.items() : List.of(roles);
        for (YamlNode item : items) {
            if (item instanceof YamlNode.Scalar s && s.text() != null && !ApprovalPolicy.ROLES.contains(s.text())) {
                problems.error("unknown-role", item.line(), item.column(), "unknown role \"" + s.text() + "\" in approval \""
                        + name + "\" (known: " + String.join(", ", ApprovalPolicy.ROLES) + ")"
                        + Spelling.didYouMean(s.text(), ApprovalPolicy.ROLES));
                known = false;
            }
        }
        return known;
    }
}
