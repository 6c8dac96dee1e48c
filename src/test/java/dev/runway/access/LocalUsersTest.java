package dev.runway.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** users.yaml: who has which roles, and what that lets them do from the CLI. */
class LocalUsersTest {

    @TempDir Path home;

    private LocalUsers users(String yaml) throws Exception {
        Files.writeString(home.resolve("users.yaml"), yaml);
        return LocalUsers.load(home);
    }

    @Test
    void names_map_to_a_list_of_roles_or_a_single_role() throws Exception {
        LocalUsers users = users("users:\n  alice: [release-manager, approver]\n  bob: approver\n");
        assertThat(users.identity("alice").roles()).containsExactlyInAnyOrder("release-manager", "approver");
        assertThat(users.identity("bob").roles()).containsExactly("approver");
        assertThat(users.identity("mallory").roles()).isEmpty();
    }

    @Test
    void without_the_file_the_local_user_is_trusted() {
        LocalUsers users = LocalUsers.load(home);
        assertThat(users.defined()).isFalse();
        assertThat(users.refusal(users.identity("anyone"), Permission.DECIDE, "decide")).isEmpty();
    }

    @Test
    void once_the_file_lists_people_an_action_needs_a_role_that_may_do_it() throws Exception {
        LocalUsers users = users("users:\n  alice: [release-manager]\n  dave: [viewer]\n  ci-bot: [agent]\n");
        assertThat(users.refusal(users.identity("alice"), Permission.DECIDE, "decide")).isEmpty();
        assertThat(users.refusal(users.identity("ci-bot"), Permission.DECIDE, "decide")).isEmpty();
        assertThat(users.refusal(users.identity("ci-bot"), Permission.OPERATE, "rollback"))
                .contains("ci-bot (agent) may not rollback: it needs one of the roles operator, release-manager, admin");
        assertThat(users.refusal(users.identity("dave"), Permission.APPROVE, "approve"))
                .contains("dave (viewer) may not approve: it needs one of the roles approver, release-manager, admin");
        assertThat(users.refusal(users.identity("mallory"), Permission.DECIDE, "decide"))
                .contains("mallory (no role in users.yaml) may not decide: it needs one of the roles operator, release-manager, admin, agent");
    }

    @Test
    void an_unknown_role_is_an_error_at_its_line_and_column() {
        assertThatThrownBy(() -> users("users:\n  alice: [release-manager]\n  bob: [approvr]\n"))
                .isInstanceOf(InvalidUsersFile.class)
                .hasMessage(home.resolve("users.yaml") + ":3:9: error: unknown role \"approvr\" for bob"
                        + " (roles: viewer, operator, approver, release-manager, admin, agent)");
    }

    @Test
    void broken_yaml_is_an_error_at_its_line_and_column() {
        assertThatThrownBy(() -> users("users:\n  alice: [admin]\n    bob: [viewer]\n"))
                .isInstanceOf(InvalidUsersFile.class)
                .hasMessage(home.resolve("users.yaml") + ":3:5: error: not valid YAML: expected <block end>, but found '<block mapping start>'");
    }

    @Test
    void other_shapes_are_errors_that_say_what_is_expected() throws Exception {
        assertThatThrownBy(() -> users("people:\n  alice: [admin]\n"))
                .hasMessage(home.resolve("users.yaml") + ":2:3: error: unknown key \"people\" (the file has one key, users)");
        assertThatThrownBy(() -> users("users: [alice, bob]\n"))
                .hasMessage(home.resolve("users.yaml") + ":1:8: error: users must map each name to its roles, e.g. alice: [release-manager]");
        assertThatThrownBy(() -> users("users:\n  alice:\n"))
                .hasMessage(home.resolve("users.yaml") + ":2:9: error: the roles of alice must be names, e.g. alice: [approver]");
        assertThatThrownBy(() -> users("users:\n  alice: [admin]\n  alice: [viewer]\n"))
                .hasMessageContaining("user \"alice\" is listed twice");
        assertThat(users("").defined()).isFalse();
    }
}
