package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import dev.runway.access.Role;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The served responses, successes and errors alike, match the hand-written openapi.yaml. */
class OpenApiConformanceTest {

    @TempDir Path dir;
    ApiFixture api;
    OpenApiInteractionValidator validator;
    final List<String> problems = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        api = new ApiFixture(dir).withGatedRunbook(1);
        try (InputStream in = RunwayServer.class.getResourceAsStream("/openapi.yaml")) {
            validator = OpenApiInteractionValidator.createForInlineApiSpecification(new String(in.readAllBytes(), StandardCharsets.UTF_8))
                    .build();
        }
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private ApiFixture.Response check(String method, String path, String token, String body) {
        ApiFixture.Response r = api.send(method, path, token, body);
        var response = SimpleResponse.Builder.status(r.status()).withContentType(r.contentType()).withBody(r.body()).build();
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        var report = validator.validateResponse(pathOnly, Request.Method.valueOf(method), response);
        if (report.hasErrors()) problems.add(method + " " + path + " → " + r.status() + ": " + report.getMessages());
        return r;
    }

    /** Figures as a window shows them while it watches, written as the driving process would. */
    private void showMonitors(String runId) {
        java.time.Instant now = java.time.Instant.now();
        try (var store = new dev.runway.store.SqliteJournalStore(api.home)) {
            store.showMonitors(runId, "triggers", List.of(
                    new dev.runway.engine.MonitorReading("triggers", "errors.value > 5 for 2m", "errors.value", 9.0, "9", "> 5 for 2m",
                            "breaching", now.minusSeconds(3), 12, now.plusSeconds(60), now),
                    new dev.runway.engine.MonitorReading("triggers", "health.up < 1", "health.up", null, "no sample yet", "< 1",
                            "no data", null, 0, now.plusSeconds(60), now)));
        }
    }

    @Test
    void responses_match_the_api_description() {
        String alice = api.token("alice", Role.OPERATOR);
        String bob = api.token("bob", Role.APPROVER);
        String viewer = api.token("vic", Role.VIEWER);

        ApiFixture.Response started = check("POST", "/api/runs", alice, "{\"runbook\": \"gated.md\", \"vars\": {}}");
        String runId = started.json().get("run").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, alice).path("awaiting").path("kind").asText().equals("gate"));
        check("GET", "/health", null, null);
        check("GET", "/api/runbooks", viewer, null);
        check("GET", "/api/runs?limit=10", viewer, null);
        check("GET", "/api/runs/" + runId, viewer, null);
        showMonitors(runId);
        ApiFixture.Response watched = check("GET", "/api/runs/" + runId, viewer, null);
        assertThat(watched.json().path("monitors").get(0).path("rule").asText()).isEqualTo("errors.value > 5 for 2m");
        check("POST", "/api/runs/" + runId + "/confirm", alice, "{}");
        check("POST", "/api/runs/" + runId + "/approve", viewer, "{}");
        check("POST", "/api/runs/" + runId + "/approve", alice, "{}");
        check("POST", "/api/runs/" + runId + "/approve", bob, "{\"comment\": \"ok\"}");
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(runId, alice).get("status").asText().equals("succeeded"));
        check("GET", "/api/runs/" + runId, viewer, null);
        ApiFixture.Response listed = check("GET", "/api/runs?limit=10", viewer, null);
        assertThat(listed.json().at("/runs/0/reason").asText()).as("a run that ended, in the history").isEqualTo("all steps completed");
        check("GET", "/api/runs/" + runId + "/logs", viewer, null);
        check("GET", "/api/runs/" + runId + "/report?format=json", viewer, null);
        check("GET", "/api/runs/" + runId + "/report", viewer, null);
        check("POST", "/api/runs/" + runId + "/resume", alice, "");
        check("POST", "/api/runs/" + runId + "/decide", alice, "{\"choice\": \"nope\"}");
        check("GET", "/api/audit/verify", viewer, null);
        check("GET", "/api/runs/" + runId + "/events", viewer, null);
        check("GET", "/api/runs/missing", viewer, null);
        check("GET", "/api/runs", null, null);
        check("POST", "/api/runs", alice, "{oops");
        check("POST", "/api/runs", alice, "{\"runbook\": \"../x.md\"}");
        check("POST", "/api/runs", alice, "{\"runbook\": \"gated.md\", \"vars\": {\"x\": \"" + "a".repeat(70_000) + "\"}}");
        check("GET", "/metrics", viewer, null);

        assertThat(problems).isEmpty();
    }

    @Test
    void a_run_with_a_rejection_and_a_decision_no_process_has_carried_out_matches_the_api_description() {
        String bob = api.token("bob", Role.APPROVER);
        String alice = api.token("alice", Role.RELEASE_MANAGER);
        // Started and left by the CLI: the server does not drive it, so the decision stays pending.
        assertThat(dev.runway.app.Main.execute("--home", api.home.toString(), "run", api.runbooks.resolve("gated.md").toString(),
                "--as", "alice", "--no-wait")).isEqualTo(4);
        String runId = api.get("/api/runs", bob).json().at("/runs/0/run").asText();
        // In this order: a rejection ends the gate, and a decision after it is refused (the first act stands).
        check("POST", "/api/runs/" + runId + "/decide", alice, "{\"choice\": \"abort\", \"reason\": \"wrong build\"}");
        check("POST", "/api/runs/" + runId + "/reject", bob, "{\"comment\": \"not today\"}");

        ApiFixture.Response run = check("GET", "/api/runs/" + runId, bob, null);

        assertThat(run.json().at("/pending_decision/choice").asText()).isEqualTo("abort");
        assertThat(run.json().at("/steps/1/rejection/comment").asText()).isEqualTo("not today");
        assertThat(run.json().at("/steps/1/decisions/0/reason").asText()).isEqualTo("wrong build");
        assertThat(problems).isEmpty();
    }
}
