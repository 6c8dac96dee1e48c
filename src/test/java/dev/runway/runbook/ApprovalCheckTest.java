package dev.runway.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Approval policies that no one could ever pass, or that name a role no one has, found before a run. */
class ApprovalCheckTest {

    static List<String> diagnostics(String file, String source) {
        return RunbookLoader.parse(file, source).diagnostics().stream().map(Diagnostic::format).toList();
    }

    static String markdown(String approvals, String body) {
        return "---\napprovals:\n" + approvals + "---\n# T\n## Deploy\n" + body;
    }

    @Test
    void an_unknown_role_is_an_error_naming_the_role_the_policy_and_the_known_roles() {
        assertThat(diagnostics("r.md", markdown("  production: { roles: [approver, relase-manager] }\n", "")))
                .containsExactly("r.md:3:35: error: unknown role \"relase-manager\" in approval \"production\" (known: viewer, "
                        + "operator, approver, release-manager, admin, agent); did you mean \"release-manager\"?");
    }

    @Test
    void an_unknown_role_far_from_every_known_one_gets_no_suggestion() {
        assertThat(diagnostics("r.md", markdown("  production:\n    roles: sre\n", ""))).containsExactly(
                "r.md:4:12: error: unknown role \"sre\" in approval \"production\" (known: viewer, operator, approver, "
                        + "release-manager, admin, agent)");
    }

    @Test
    void a_policy_whose_only_role_is_agent_and_names_no_users_can_never_pass() {
        assertThat(diagnostics("r.md", markdown("  production: { roles: [agent], count: 1 }\n", ""))).containsExactly(
                "r.md:3:24: error: approval \"production\" can never pass: its only role is agent, which may never approve "
                        + "a gate (name another role or users)");
    }

    @Test
    void a_policy_without_roles_that_needs_more_people_than_it_names_users_can_never_pass() {
        assertThat(diagnostics("r.md", markdown("  production: { users: [bob], count: 3 }\n", ""))).containsExactly(
                "r.md:3:38: error: approval \"production\" can never pass: it needs 3 different people to approve, but only 1 user may (bob)");
    }

    @Test
    void a_user_listed_twice_counts_once_towards_the_count() {
        assertThat(diagnostics("r.md", markdown("  production: { roles: [agent], users: [bob, ana, bob], count: 3 }\n", "")))
                .containsExactly("r.md:3:64: error: approval \"production\" can never pass: it needs 3 different people to "
                        + "approve, but only 2 users may (bob, ana)");
    }

    @Test
    void a_suggestion_is_the_closest_name_within_two_edits() {
        assertThat(Spelling.didYouMean("prodution", List.of("staging", "production", "productions"))).isEqualTo("; did you mean \"production\"?");
        assertThat(Spelling.didYouMean("prod", List.of("production"))).isEmpty();
        assertThat(Spelling.edits("relase-manager", "release-manager")).isEqualTo(1);
    }

    /** Roles with users, as many users as the count, the agent role beside a user, and no one named (anyone). */
    static final String VALID = """
              production: { roles: [release-manager, approver], users: [ana], count: 2, not_initiator: true }
              quorum: { users: [ana, bob, cy], count: 3 }
              robots-and-ana: { roles: [agent], users: [ana] }
              open: { count: 2 }
            """;

    @Test
    void valid_policies_give_no_diagnostics() {
        assertThat(diagnostics("r.md", markdown(VALID, ""))).isEmpty();
    }

    @Test
    void a_yaml_runbook_gets_the_same_checks() {
        String yaml = """
                title: T
                approvals:
                  production: { roles: [relase-manager] }
                  staging: { users: [bob], count: 2 }
                steps:
                  - run: make
                """;
        assertThat(diagnostics("r.yaml", yaml)).containsExactly(
                "r.yaml:3:25: error: unknown role \"relase-manager\" in approval \"production\" (known: viewer, operator, "
                        + "approver, release-manager, admin, agent); did you mean \"release-manager\"?",
                "r.yaml:4:35: error: approval \"staging\" can never pass: it needs 2 different people to approve, but only 1 user may (bob)");
    }
}
