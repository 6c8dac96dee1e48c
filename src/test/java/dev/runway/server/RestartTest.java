package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runway.access.Role;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a server leaves its runs resumable; the next server on the same home picks them up. */
class RestartTest {

    @TempDir Path dir;
    ApiFixture api;

    @AfterEach
    void tearDown() {
        if (api != null) api.close();
    }

    @Test
    void a_run_left_at_a_gate_by_a_stopped_server_finishes_when_the_next_server_gets_the_approval() {
        api = new ApiFixture(dir).withGatedRunbook(1);
        String alice = api.token("alice", Role.OPERATOR);
        String bob = api.token("bob", Role.APPROVER);
        String runId = api.startRun("gated.md", alice);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, alice).path("awaiting").path("kind").asText().equals("gate"));

        api.close();
        api = new ApiFixture(dir);

        assertThat(api.run(runId, alice).get("status").asText()).isEqualTo("waiting");
        ApiFixture.Response approve = api.post("/api/runs/" + runId + "/approve", bob, "{}");
        assertThat(approve.status()).as(approve.toString()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, alice).get("status").asText().equals("succeeded"));
    }

    @Test
    void resume_continues_an_undriven_run_and_refuses_a_driven_or_finished_one() {
        api = new ApiFixture(dir).withGatedRunbook(1);
        String alice = api.token("alice", Role.OPERATOR);
        String bob = api.token("bob", Role.APPROVER);
        String runId = api.startRun("gated.md", alice);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, alice).path("awaiting").path("kind").asText().equals("gate"));

        ApiFixture.Response busy = api.post("/api/runs/" + runId + "/resume", alice, "");
        assertThat(busy.status()).isEqualTo(409);
        assertThat(busy.json().at("/error/message").asText()).isEqualTo("run " + runId + " is already driven by this server");

        api.close();
        api = new ApiFixture(dir);
        ApiFixture.Response resumed = api.post("/api/runs/" + runId + "/resume", alice, "");
        assertThat(resumed.status()).as(resumed.toString()).isEqualTo(202);
        api.post("/api/runs/" + runId + "/approve", bob, "{}");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, alice).get("status").asText().equals("succeeded"));

        ApiFixture.Response done = api.post("/api/runs/" + runId + "/resume", alice, "");
        assertThat(done.status()).isEqualTo(409);
        assertThat(done.json().at("/error/message").asText()).isEqualTo("run " + runId + " is succeeded; there is nothing to resume");
    }

    @Test
    void a_run_started_from_the_cli_is_approved_over_the_api_but_left_for_the_cli_to_resume() {
        api = new ApiFixture(dir).withGatedRunbook(1);
        String bob = api.token("bob", Role.APPROVER);
        int exit = dev.runway.app.Main.execute("--home", api.home.toString(), "run", api.runbooks.resolve("gated.md").toString(),
                "--as", "alice", "--no-wait");
        assertThat(exit).as("runway run --no-wait stops at the gate").isEqualTo(4);
        String runId = api.get("/api/runs", bob).json().at("/runs/0/run").asText();

        assertThat(api.post("/api/runs/" + runId + "/approve", bob, "{}").status()).isEqualTo(200);

        assertThat(api.run(runId, bob).get("status").asText()).isEqualTo("waiting");
        assertThat(api.server.drivenRuns()).isZero();
        assertThat(dev.runway.app.Main.execute("--home", api.home.toString(), "resume", runId)).isZero();
        assertThat(api.run(runId, bob).get("status").asText()).isEqualTo("succeeded");
    }

    @Test
    void stopping_mid_step_kills_the_step_and_the_next_server_resumes_the_run_to_a_decision() throws Exception {
        api = new ApiFixture(dir).withRunbook("slow.md", """
                # Slow

                ## Go

                ### Migrate

                ```bash
                echo starting
                if [ -f fast ]; then exit 0; fi
                sleep 60
                ```
                """);
        String alice = api.token("alice", Role.OPERATOR);
        String runId = api.startRun("slow.md", alice);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, alice).at("/steps/0/status").asText().equals("running"));

        long stopping = System.nanoTime();
        api.close();
        assertThat(Duration.ofNanos(System.nanoTime() - stopping)).as("stop does not wait for the step").isLessThan(Duration.ofSeconds(8));
        api = new ApiFixture(dir);
        assertThat(api.run(runId, alice).get("status").asText()).isEqualTo("running");

        assertThat(api.post("/api/runs/" + runId + "/resume", alice, "").status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, alice).path("awaiting").path("kind").asText().equals("decision"));
        assertThat(api.run(runId, alice).at("/awaiting/reason").asText()).contains("was running (attempt 1) when Runway stopped");
        java.nio.file.Files.writeString(api.runbooks.resolve("fast"), "");
        assertThat(api.post("/api/runs/" + runId + "/decide", alice, "{\"choice\": \"retry\"}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, alice).get("status").asText().equals("succeeded"));
    }
}
