package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runway.access.Role;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Four eyes and quorum, decided over HTTP while the server drives the run. */
class GatesOverApiTest {

    @TempDir Path dir;
    ApiFixture api;
    String alice;
    String bob;
    String carol;
    String dave;

    @BeforeEach
    void setUp() {
        api = new ApiFixture(dir).withGatedRunbook(2);
        alice = api.token("alice", Role.RELEASE_MANAGER, Role.APPROVER);
        bob = api.token("bob", Role.APPROVER);
        carol = api.token("carol", Role.APPROVER);
        dave = api.token("dave", Role.RELEASE_MANAGER);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private String runWaitingAtGate() {
        String runId = api.startRun("gated.md", alice);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, alice).path("awaiting").path("kind").asText().equals("gate"));
        return runId;
    }

    @Test
    void the_initiator_is_refused_at_a_not_initiator_gate_and_the_refusal_is_journaled() {
        String runId = runWaitingAtGate();

        ApiFixture.Response self = api.post("/api/runs/" + runId + "/approve", alice, "{\"comment\": \"mine\"}");

        assertThat(self.status()).isEqualTo(409);
        assertThat(self.errorCode()).isEqualTo("refused");
        assertThat(self.json().at("/error/message").asText())
                .isEqualTo("alice started this run and gate \"production\" needs someone else to approve (four eyes)");
        assertThat(api.run(runId, alice).get("status").asText()).isEqualTo("waiting");
        assertThat(api.get("/api/runs/" + runId + "/report", alice).body())
                .contains("action.denied").contains("needs someone else to approve (four eyes)");
    }

    @Test
    void the_same_approver_twice_counts_once_and_two_distinct_approvers_pass_the_gate() {
        String runId = runWaitingAtGate();

        assertThat(api.post("/api/runs/" + runId + "/approve", bob, "{}").status()).isEqualTo(200);
        ApiFixture.Response again = api.post("/api/runs/" + runId + "/approve", bob, "{}");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.errorCode()).isEqualTo("refused");
        assertThat(again.json().at("/error/message").asText())
                .isEqualTo("bob has already approved gate \"production\"; approvals must come from 2 different people");
        assertThat(api.run(runId, alice).get("status").asText()).isEqualTo("waiting");

        ApiFixture.Response second = api.post("/api/runs/" + runId + "/approve", carol, "{\"comment\": \"ship it\"}");

        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.json().get("event").asText()).isEqualTo("gate.approved");
        assertThat(second.json().get("actor").asText()).isEqualTo("carol");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, alice).get("status").asText().equals("succeeded"));
        assertThat(api.run(runId, alice).at("/steps/1/approved_by").toString()).isEqualTo("[\"bob\",\"carol\"]");
        assertThat(api.runbooks.resolve("deployed.txt")).exists();
    }

    @Test
    void a_release_manager_without_the_gates_role_is_refused_by_the_gate_policy() {
        String runId = runWaitingAtGate();

        ApiFixture.Response r = api.post("/api/runs/" + runId + "/approve", dave, "{}");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().at("/error/message").asText())
                .isEqualTo("dave may not approve gate \"production\": it needs one of the roles approver");
    }

    @Test
    void rejecting_the_gate_aborts_the_run() {
        String runId = runWaitingAtGate();

        ApiFixture.Response r = api.post("/api/runs/" + runId + "/reject", bob, "{\"comment\": \"not today\"}");

        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, alice).get("status").asText().equals("aborted"));
        assertThat(api.runbooks.resolve("deployed.txt")).doesNotExist();
    }

    @Test
    void a_second_run_of_a_locked_runbook_is_refused_with_locked() {
        String first = runWaitingAtGate();

        ApiFixture.Response second = api.post("/api/runs", dave, "{\"runbook\": \"gated.md\"}");

        assertThat(second.status()).isEqualTo(409);
        assertThat(second.errorCode()).isEqualTo("locked");
        assertThat(second.json().at("/error/message").asText())
                .isEqualTo("Gated release@default is locked by run " + first + "; finish, abort or roll back that run first");
        assertThat(api.runCount(alice)).isEqualTo(1);
    }

    @Test
    void logs_report_and_audit_are_served() {
        String runId = runWaitingAtGate();

        ApiFixture.Response logs = api.get("/api/runs/" + runId + "/logs?step=build", bob);
        assertThat(logs.status()).isEqualTo(200);
        assertThat(logs.json().at("/chunks/0/text").asText()).contains("built");
        // Each attempt with how it ended, read from the journal's step entries alone.
        assertThat(logs.json().get("attempts")).hasSize(1);
        assertThat(logs.json().at("/attempts/0/step").asText()).isEqualTo("build");
        assertThat(logs.json().at("/attempts/0/attempt").asInt()).isEqualTo(1);
        assertThat(logs.json().at("/attempts/0/outcome").asText()).isEqualTo("succeeded: exit 0");
        assertThat(logs.json().at("/attempts/0/started_at").asText()).isNotEmpty();
        assertThat(api.get("/api/runs/" + runId + "/logs?step=nope", bob).errorCode()).isEqualTo("invalid_request");
        ApiFixture.Response md = api.get("/api/runs/" + runId + "/report?format=md", bob);
        assertThat(md.status()).isEqualTo(200);
        assertThat(md.body()).contains("Gated release");
        assertThat(api.get("/api/runs/" + runId + "/report?format=json", bob).json().isObject()).isTrue();
        ApiFixture.Response html = api.get("/api/runs/" + runId + "/report?format=html", bob);
        assertThat(html.status()).isEqualTo(200);
        assertThat(html.contentType()).isEqualTo("text/html;charset=utf-8");
        assertThat(html.header("Content-Security-Policy")).isEqualTo("default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'");
        assertThat(html.body()).startsWith("<!doctype html>").contains("<h2>Timeline</h2>");
        assertThat(api.get("/api/runs/" + runId + "/report?format=pdf", bob).json().at("/error/message").asText())
                .isEqualTo("unknown report format \"pdf\" (use md, html or json)");
        assertThat(api.get("/api/runs/" + runId + "/report?format=pdf", bob).errorCode()).isEqualTo("invalid_request");
        ApiFixture.Response audit = api.get("/api/audit/verify", bob);
        assertThat(audit.json().get("ok").asBoolean()).as(audit.toString()).isTrue();
        assertThat(api.get("/api/runbooks", bob).json().get("runbooks").toString()).isEqualTo("[\"gated.md\"]");
    }

    @Test
    void audit_verify_over_the_api_gives_the_head_and_checks_one_recorded_earlier() {
        runWaitingAtGate();
        var verdict = api.get("/api/audit/verify", bob).json();
        String head = verdict.at("/head/seq").asLong() + ":" + verdict.at("/head/hash").asText();
        assertThat(verdict.at("/head/hash").asText()).matches("[0-9a-f]{64}");
        assertThat(verdict.at("/head/seq").asInt()).isEqualTo(verdict.get("entries").asInt());

        assertThat(api.get("/api/audit/verify?head=" + head, bob).json().get("ok").asBoolean()).isTrue();
        var ahead = api.get("/api/audit/verify?head=1000000:" + verdict.at("/head/hash").asText(), bob).json();
        assertThat(ahead.get("ok").asBoolean()).isFalse();
        assertThat(ahead.get("problem").asText()).isEqualTo("the journal ends at entry " + ahead.get("entries").asInt()
                + " but entry 1000000 was recorded as its head (entries deleted from the end?)");
        ApiFixture.Response bad = api.get("/api/audit/verify?head=latest", bob);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/error/message").asText()).isEqualTo("head: a head is SEQ:HASH, the sequence number and the 64 hex"
                + " digits of an entry's hash as audit verify prints them, not \"latest\"");
    }

    @Test
    void history_is_paginated() {
        api.withRunbook("a.md", "# A\n\n## Go\n\n### Go\n\n```bash\necho a\n```\n")
                .withRunbook("b.md", "# B\n\n## Go\n\n### Go\n\n```bash\necho b\n```\n")
                .withRunbook("c.md", "# C\n\n## Go\n\n### Go\n\n```bash\necho c\n```\n");
        api.startRun("a.md", alice);
        api.startRun("b.md", alice);
        api.startRun("c.md", alice);

        ApiFixture.Response first = api.get("/api/runs?limit=2", alice);
        ApiFixture.Response second = api.get("/api/runs?limit=2&offset=2", alice);

        assertThat(first.json().get("runs").size()).isEqualTo(2);
        assertThat(first.json().get("next_offset").asInt()).isEqualTo(2);
        assertThat(second.json().get("runs").size()).isEqualTo(1);
        assertThat(second.json().get("next_offset").isNull()).isTrue();
        assertThat(api.get("/api/runs?limit=0", alice).errorCode()).isEqualTo("invalid_request");
        assertThat(api.get("/api/runs?limit=abc", alice).errorCode()).isEqualTo("invalid_request");
        assertThat(api.get("/api/runs?offset=-1", alice).errorCode()).isEqualTo("invalid_request");
    }

    @Test
    void logs_are_paged_with_an_after_cursor() {
        api.withRunbook("two.md", "# Two\n\n## Go\n\n### First\n\n```bash\necho first\n```\n\n### Second\n\n```bash\necho second\n```\n");
        String runId = api.startRun("two.md", alice);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, alice).get("status").asText().equals("succeeded"));

        ApiFixture.Response all = api.get("/api/runs/" + runId + "/logs", bob);
        ApiFixture.Response page = api.get("/api/runs/" + runId + "/logs?limit=1", bob);
        ApiFixture.Response rest = api.get("/api/runs/" + runId + "/logs?after=" + page.json().get("next_after").asLong(), bob);

        assertThat(all.json().get("chunks").size()).isEqualTo(2);
        assertThat(all.json().get("next_after").isNull()).isTrue();
        assertThat(page.json().at("/chunks/0/text").asText()).isEqualTo("first\n");
        assertThat(rest.json().get("chunks").size()).isEqualTo(1);
        assertThat(rest.json().at("/chunks/0/step").asText()).isEqualTo("second");
        assertThat(rest.json().get("next_after").isNull()).isTrue();
    }
}
