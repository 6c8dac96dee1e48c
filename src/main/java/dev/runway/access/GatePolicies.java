package dev.runway.access;

import dev.runway.runbook.FrontMatter;
import dev.runway.runbook.FrontMatter.ApprovalPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Finds the approval policy of a gate: by its name, then {@code approvals.default}, then anyone. */
public final class GatePolicies {

    private static final String DEFAULT = "default";

    private GatePolicies() {}

    public static ApprovalPolicy resolve(FrontMatter front, String gateName) {
        String name = nameOf(front, gateName);
        return name == null ? ApprovalPolicy.ANYONE : front.approvals().get(name);
    }

    /** The name of the policy the gate uses: its own, else {@code default}; null when anyone may approve. */
    public static String nameOf(FrontMatter front, String gateName) {
        var approvals = front.approvals();
        if (gateName != null && approvals.containsKey(gateName)) return gateName;
        return approvals.containsKey(DEFAULT) ? DEFAULT : null;
    }

    /**
     * Who may pass the gate, as {@code plan} shows it to the people who will be asked:
     * {@code 2 approvals, each from a different person, from role approver or user dana, not the
     * initiator (policy "production")}.
     */
    public static String describe(FrontMatter front, String gateName) {
        String name = nameOf(front, gateName);
        if (name == null) return "any one person may approve (no approval policy)";
        ApprovalPolicy p = front.approvals().get(name);
        List<String> who = new ArrayList<>();
        if (!p.roles().isEmpty()) who.add((p.roles().size() == 1 ? "role " : "roles ") + String.join(", ", p.roles()));
        if (!p.users().isEmpty()) who.add((p.users().size() == 1 ? "user " : "users ") + String.join(", ", p.users()));
        String from = who.isEmpty() ? "anyone" : String.join(" or ", who);
        String source = name.equals(gateName) ? "policy \"" + name + "\"" : "policy \"default\": none is named \"" + gateName + "\"";
        return p.count() + (p.count() == 1 ? " approval" : " approvals, each from a different person,") + " from " + from
                + (p.notInitiator() ? ", not the initiator" : "") + " (" + source + ")";
    }

    /** The same for {@code plan --json}: the policy's name (null for anyone) and its terms. */
    public static Map<String, Object> document(FrontMatter front, String gateName) {
        String name = nameOf(front, gateName);
        ApprovalPolicy p = resolve(front, gateName);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("policy", name);
        m.put("roles", p.roles());
        m.put("users", p.users());
        m.put("count", p.count());
        m.put("not_initiator", p.notInitiator());
        return m;
    }
}
