package dev.runway.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.runbook.FrontMatter.ApprovalPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class ApprovalRulesTest {

    @Test
    void a_second_approval_by_the_same_person_is_refused_in_words_that_fit_the_quorum() {
        ApprovalPolicy one = new ApprovalPolicy(List.of("approver"), List.of(), 1, false);
        ApprovalPolicy three = new ApprovalPolicy(List.of("approver"), List.of(), 3, false);
        assertThat(ApprovalRules.alreadyApproved("bob", one, "production"))
                .isEqualTo("bob has already approved gate \"production\"; approvals must come from 1 person");
        assertThat(ApprovalRules.alreadyApproved("bob", three, "production"))
                .isEqualTo("bob has already approved gate \"production\"; approvals must come from 3 different people");
    }
}
