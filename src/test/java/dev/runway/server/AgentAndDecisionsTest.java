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

/** The agent role runs steps and retries, but never passes a gate nor chooses skip or rollback. */
class AgentAndDecisionsTest {

    @TempDir Path dir;
    ApiFixture api;
    String agent;
    String operator;

    @BeforeEach
    void setUp() {
        api = new ApiFixture(dir).withGatedRunbook(1).withRunbook("flaky.md", """
                # Flaky

                ## Go

                ### Check

                ```bash
                test -f ready.txt
                ```

                ### Ship

                ```bash
                echo shipped
                ```
                """);
        agent = api.token("ci-bot", Role.AGENT);
        operator = api.token("olga", Role.OPERATOR);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private String runWaitingFor(String runbook, String kind) {
        String runId = api.startRun(runbook, agent);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, agent).path("awaiting").path("kind").asText().equals(kind));
        return runId;
    }

    @Test
    void an_agent_may_not_approve_a_gate_even_one_open_to_anyone() {
        String runId = runWaitingFor("gated.md", "gate");

        ApiFixture.Response r = api.post("/api/runs/" + runId + "/approve", agent, "{}");

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.errorCode()).isEqualTo("forbidden");
        assertThat(api.run(runId, agent).get("status").asText()).isEqualTo("waiting");
    }

    @Test
    void an_agent_may_retry_a_failed_step_but_not_skip_it() throws Exception {
        String runId = runWaitingFor("flaky.md", "decision");

        ApiFixture.Response skip = api.post("/api/runs/" + runId + "/decide", agent, "{\"choice\": \"skip\", \"reason\": \"whatever\"}");
        assertThat(skip.status()).isEqualTo(409);
        assertThat(skip.errorCode()).isEqualTo("refused");
        assertThat(skip.json().at("/error/message").asText())
                .isEqualTo("ci-bot has the agent role, which may not choose skip on a person's behalf");

        java.nio.file.Files.writeString(api.runbooks.resolve("ready.txt"), "yes");
        ApiFixture.Response retry = api.post("/api/runs/" + runId + "/decide", agent, "{\"choice\": \"retry\"}");
        assertThat(retry.status()).as(retry.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, agent).get("status").asText().equals("succeeded"));
    }

    @Test
    void an_operator_may_skip_with_a_reason_and_the_run_finishes() {
        String runId = runWaitingFor("flaky.md", "decision");

        ApiFixture.Response noReason = api.post("/api/runs/" + runId + "/decide", operator, "{\"choice\": \"skip\"}");
        assertThat(noReason.status()).isEqualTo(409);
        ApiFixture.Response skip = api.post("/api/runs/" + runId + "/decide", operator, "{\"choice\": \"skip\", \"reason\": \"checked by hand\"}");

        assertThat(skip.status()).as(skip.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, agent).get("status").asText().equals("succeeded"));
        assertThat(api.run(runId, agent).at("/steps/0/status").asText()).isEqualTo("skipped");
    }

    @Test
    void rollback_of_a_runbook_without_a_rollback_section_is_refused() {
        String runId = runWaitingFor("flaky.md", "decision");

        ApiFixture.Response r = api.post("/api/runs/" + runId + "/rollback", operator, "{\"reason\": \"abandon\"}");

        assertThat(r.status()).isEqualTo(409);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("runbook \"Flaky\" has no rollback section to run");
    }
}
