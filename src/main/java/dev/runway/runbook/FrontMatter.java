package dev.runway.runbook;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The YAML front matter, validated. Absent keys take their documented defaults, so a runbook
 * without front matter has an empty, usable one.
 *
 * @param name             {@code runbook:}; falls back to the title, then the file name
 * @param environment      {@code environment:}; with the name it forms the lock key
 * @param vars             declared variables, in declaration order
 * @param secrets          names of environment variables passed to steps and masked
 * @param approvals        gate policies by name ({@code default} applies to unnamed gates)
 * @param informational    section titles (lower case) that are kept but never executed
 * @param onFailure        default failure policy for steps
 * @param rollbackDeadline null when not set
 * @param productionFrom   title of the section where production changes start, or null
 * @param extra            keys this issue does not interpret yet (monitors, triggers, notify)
 */
public record FrontMatter(
        String name,
        String environment,
        Map<String, VarSpec> vars,
        List<String> secrets,
        Map<String, ApprovalPolicy> approvals,
        List<String> informational,
        StepPolicy.OnFailure onFailure,
        Duration rollbackDeadline,
        String productionFrom,
        Map<String, Object> extra) {

    /**
     * A declared variable. {@code pattern} is a Java regex matched against the whole value.
     * {@code line} and {@code column} say where it is declared: its key in the front matter, or,
     * for a variable a loose runbook declares by using it, its first use; binding errors about
     * it point there.
     */
    public record VarSpec(String name, boolean required, String defaultValue, String pattern, String description,
                          int line, int column) {}

    /** Who may pass a gate: any of the roles or users; count distinct approvers. */
    public record ApprovalPolicy(List<String> roles, List<String> users, int count, boolean notInitiator) {
        public static final ApprovalPolicy ANYONE = new ApprovalPolicy(List.of(), List.of(), 1, false);

        /**
         * The roles a policy may name. The set is closed: a misspelt role would match no one and
         * the gate would wait forever. The access package's {@code Role} gives these same labels
         * to identities (a test there keeps the two equal).
         */
        public static final List<String> ROLES = List.of("viewer", "operator", "approver", "release-manager", "admin", "agent");

        /** The role of automated executors: it may run steps but never approve a gate (DESIGN.md). */
        public static final String AGENT = "agent";
    }

    public static final List<String> DEFAULT_INFORMATIONAL = List.of(
            "troubleshooting", "related documents", "references", "contacts", "incident contacts",
            "communication plan", "communication templates", "metrics", "metrics to track",
            "audit trail", "agent rules", "system topology", "purpose", "owners", "metadata",
            "release information", "release cadence", "glossary", "appendix", "notes");
}
