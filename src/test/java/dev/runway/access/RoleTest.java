package dev.runway.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.runbook.FrontMatter.ApprovalPolicy;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void roles_have_the_labels_runbook_approval_policies_may_name() {
        assertThat(Arrays.stream(Role.values()).map(Role::label).toList()).isEqualTo(ApprovalPolicy.ROLES);
        assertThat(Role.AGENT.label()).isEqualTo(ApprovalPolicy.AGENT);
    }
}
