package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** What a run on a server says to do next, from the server's JSON: the same hints a local status gives. */
class RemoteHintsTest {

    static final String BASE = "http://runway.example:8080";

    private static JsonNode run(String json) throws Exception {
        return new ObjectMapper().readTree(json.replace('\'', '"'));
    }

    @Test
    void a_gate_with_some_approvals_says_who_approved_and_how_many_pass_it() throws Exception {
        JsonNode run = run("{'run': 'r1', 'status': 'waiting', 'phase': 'forward', 'reason': null,"
                + " 'awaiting': {'step': 'approve', 'kind': 'gate', 'reason': 'approval needed for gate production', 'approvals_needed': 2},"
                + " 'steps': [{'id': 'build', 'approved_by': []}, {'id': 'approve', 'approved_by': ['bob']}]}");

        assertThat(RemoteRun.summary(run, BASE)).isEqualTo("""
                run r1 waiting at step "approve": approval needed for gate production
                  approved so far by bob (1 of 2)
                  approve:  runway --server http://runway.example:8080 approve r1 [--comment …]
                  reject:   runway --server http://runway.example:8080 reject r1""");
    }

    @Test
    void a_gate_nobody_approved_yet_lists_no_approvers() throws Exception {
        JsonNode run = run("{'run': 'r1', 'status': 'waiting', 'phase': 'forward',"
                + " 'awaiting': {'step': 'approve', 'kind': 'gate', 'reason': 'approval needed', 'approvals_needed': 2},"
                + " 'steps': [{'id': 'approve'}]}");

        assertThat(RemoteRun.summary(run, BASE)).doesNotContain("approved so far");
    }

    @Test
    void a_failed_rollback_step_offers_no_rollback_choice_as_a_local_status_does() throws Exception {
        JsonNode forward = run("{'run': 'r1', 'status': 'waiting', 'phase': 'forward',"
                + " 'awaiting': {'step': 'deploy', 'kind': 'decision', 'reason': 'failed'}}");
        JsonNode rollingBack = run("{'run': 'r1', 'status': 'waiting', 'phase': 'rollback',"
                + " 'awaiting': {'step': 'restore', 'kind': 'decision', 'reason': 'failed'}}");

        assertThat(RemoteRun.summary(forward, BASE)).endsWith(" decide r1 retry|skip|rollback|abort [--reason …]");
        assertThat(RemoteRun.summary(rollingBack, BASE)).endsWith(" decide r1 retry|skip|abort [--reason …]");
    }
}
