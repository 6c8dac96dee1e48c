package dev.runway.runbook;

import static dev.runway.runbook.ApprovalCheckTest.diagnostics;
import static dev.runway.runbook.ApprovalCheckTest.markdown;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A gate whose name finds no approval policy, which would let anyone approve it, found before a run. */
class GatePolicyCheckTest {

    static final String GATE_PRODCTION = "```runway\ngate: prodction\n```\n";

    @Test
    void a_gate_naming_an_undeclared_policy_without_a_default_is_an_error() {
        assertThat(diagnostics("r.md", markdown("  production: { roles: [release-manager] }\n  staging: { users: [ana] }\n",
                GATE_PRODCTION))).containsExactly(
                "r.md:9:7: error: gate \"prodction\" names no declared approval policy (declared: production, staging) and "
                        + "there is no approvals.default, so any one person could approve it; did you mean \"production\"?");
    }

    @Test
    void a_gate_naming_an_undeclared_policy_with_a_default_is_a_warning_that_the_default_applies() {
        assertThat(diagnostics("r.md", markdown("  production: { roles: [release-manager] }\n  default: { roles: [approver] }\n",
                GATE_PRODCTION))).containsExactly(
                "r.md:9:7: warning: gate \"prodction\" names no declared approval policy, so approvals.default applies; "
                        + "did you mean \"production\"?");
    }

    @Test
    void a_gate_in_a_runbook_without_approvals_keeps_its_warning_that_anyone_may_approve() {
        assertThat(diagnostics("r.md", "# T\n## Deploy\n" + GATE_PRODCTION)).containsExactly(
                "r.md:3:1: warning: gate \"prodction\" has no approval policy; any one person may approve");
    }

    // Deliberately changed: this was a warning, and the initiator could approve their own release
    // because the section's title ("Deploy") did not match the policy declared for it ("production").
    @Test
    void a_gate_blockquote_whose_section_matches_no_declared_policy_and_no_default_is_an_error() {
        assertThat(diagnostics("r.md", markdown("  production: { roles: [release-manager], not_initiator: true }\n",
                "> **GATE**: ship it?\n"))).containsExactly(
                "r.md:7:1: error: gate \"deploy\" (named after its section) matches no declared approval policy (declared:"
                        + " production) and there is no approvals.default, so any one person could approve it; name its policy"
                        + " in a ```runway block (gate: NAME)");
    }

    @Test
    void a_gate_blockquote_takes_the_policy_its_section_is_named_for_or_the_default_without_a_word() {
        assertThat(diagnostics("r.md", "---\napprovals:\n  production: { roles: [release-manager] }\n---\n# T\n## Production\n"
                + "> **GATE**: ship it?\n")).isEmpty();
        assertThat(diagnostics("r.md", markdown("  production: { roles: [release-manager] }\n  default: { roles: [approver] }\n",
                "> **GATE**: ship it?\n"))).isEmpty();
    }

    @Test
    void valid_policies_and_a_gate_falling_back_to_the_default_give_no_error() {
        String approvals = ApprovalCheckTest.VALID + "  default: { roles: [admin] }\n";
        String body = "```runway\ngate: production\n```\n### Other\n```runway\ngate: security\n```\n";
        assertThat(diagnostics("r.md", markdown(approvals, body))).containsExactly(
                "r.md:16:7: warning: gate \"security\" names no declared approval policy, so approvals.default applies");
    }

    @Test
    void a_yaml_runbook_gets_the_same_checks() {
        String yaml = """
                title: T
                approvals:
                  production: { roles: [release-manager] }
                  staging: { users: [bob] }
                steps:
                  - run: make
                  - gate: prodction
                """;
        assertThat(diagnostics("r.yaml", yaml)).containsExactly(
                "r.yaml:7:11: error: gate \"prodction\" names no declared approval policy (declared: production, staging) and "
                        + "there is no approvals.default, so any one person could approve it; did you mean \"production\"?");
    }
}
