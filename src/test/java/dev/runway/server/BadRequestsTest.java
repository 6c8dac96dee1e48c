package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.access.Role;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each bad request gets a clear 4xx with a stable code, and changes nothing. */
class BadRequestsTest {

    @TempDir Path dir;
    ApiFixture api;
    String admin;
    long journalBefore;

    @BeforeEach
    void setUp() {
        api = new ApiFixture(dir).withGatedRunbook(1);
        admin = api.token("root", Role.ADMIN);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    private void assertRejected(ApiFixture.Response r, int status, String code, String message) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.errorCode()).as(r.toString()).isEqualTo(code);
        if (message != null) assertThat(r.json().at("/error/message").asText()).isEqualTo(message);
        assertThat(api.runCount(admin)).as("runs after a bad request").isZero();
    }

    @Test
    void malformed_json_is_invalid_json() {
        assertRejected(api.post("/api/runs", admin, "{\"runbook\": "), 400, "invalid_json", null);
        assertRejected(api.post("/api/runs", admin, "[\"gated.md\"]"), 400, "invalid_json", "request body must be a JSON object");
    }

    @Test
    void a_missing_or_mistyped_field_is_invalid_request() {
        assertRejected(api.post("/api/runs", admin, "{}"), 400, "invalid_runbook",
                "name a runbook file, e.g. {\"runbook\": \"release.md\"}");
        assertRejected(api.post("/api/runs", admin, "{\"runbook\": 42}"), 400, "invalid_request", "\"runbook\" must be a string");
        assertRejected(api.post("/api/runs", admin, "{\"runbook\": \"gated.md\", \"vars\": [1]}"), 400, "invalid_request",
                "\"vars\" must be an object of names to values");
    }

    @Test
    void path_traversal_and_absolute_paths_are_invalid_runbooks() {
        assertRejected(api.post("/api/runs", admin, "{\"runbook\": \"../../etc/passwd\"}"), 400, "invalid_runbook",
                "runbook \"../../etc/passwd\" must not contain \"..\"");
        assertRejected(api.post("/api/runs", admin, "{\"runbook\": \"sub/../../gated.md\"}"), 400, "invalid_runbook",
                "runbook \"sub/../../gated.md\" must not contain \"..\"");
        assertRejected(api.post("/api/runs", admin, "{\"runbook\": \"/etc/passwd\"}"), 400, "invalid_runbook",
                "runbook \"/etc/passwd\" must be a path inside the runbooks directory");
        assertRejected(api.post("/api/runs", admin, "{\"runbook\": \"" + api.runbooks.resolve("gated.md") + "\"}"), 400,
                "invalid_runbook", null);
        assertRejected(api.post("/api/runs", admin, "{\"runbook\": \"missing.md\"}"), 400, "invalid_runbook",
                "no runbook \"missing.md\" in the runbooks directory");
    }

    @Test
    void a_symlink_leading_out_of_the_runbooks_directory_is_refused() throws Exception {
        Path outside = dir.resolve("outside.md");
        Files.writeString(outside, "# Outside\n\n## Go\n\n### Go\n\n```bash\necho escaped > escaped.txt\n```\n");
        Files.createSymbolicLink(api.runbooks.resolve("link.md"), outside);

        assertRejected(api.post("/api/runs", admin, "{\"runbook\": \"link.md\"}"), 400, "invalid_runbook",
                "runbook \"link.md\" links outside the runbooks directory");
        assertThat(api.get("/api/runbooks", admin).json().get("runbooks").toString()).isEqualTo("[\"gated.md\"]");
    }

    @Test
    void a_runbook_with_errors_is_an_invalid_runbook() {
        api.withRunbook("broken.md", "---\nvariables: [\n---\n# Broken\n");
        ApiFixture.Response r = api.post("/api/runs", admin, "{\"runbook\": \"broken.md\"}");
        assertRejected(r, 400, "invalid_runbook", null);
        assertThat(r.json().at("/error/message").asText()).startsWith("broken.md:").doesNotContain(api.runbooks.toString());
    }

    @Test
    void an_unknown_run_is_run_not_found() {
        for (String path : new String[] {"/api/runs/nope", "/api/runs/nope/logs", "/api/runs/nope/report"}) {
            assertRejected(api.get(path, admin), 404, "run_not_found", "no run nope");
        }
        assertRejected(api.post("/api/runs/nope/approve", admin, "{}"), 404, "run_not_found", "no run nope");
    }

    @Test
    void an_unknown_route_is_not_found_as_json() {
        assertRejected(api.get("/api/nothing-here", admin), 404, "not_found", null);
    }

    @Test
    void a_body_over_the_limit_is_refused_before_it_is_read() {
        String big = "{\"runbook\": \"gated.md\", \"vars\": {\"x\": \"" + "a".repeat(70 * 1024) + "\"}}";
        assertRejected(api.post("/api/runs", admin, big), 413, "body_too_large", "request body is larger than 65536 bytes");
    }

    @Test
    void a_chunked_body_over_the_limit_is_refused_too() {
        byte[] big = ("{\"runbook\": \"gated.md\", \"vars\": {\"x\": \"" + "a".repeat(70 * 1024) + "\"}}").getBytes();
        // A publisher of unknown length: the client sends it chunked, without a Content-Length.
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server.port() + "/api/runs"))
                .header("Authorization", "Bearer " + admin)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big)));
        assertRejected(api.send(request), 413, "body_too_large", null);
    }

    @Test
    void an_unknown_decision_is_invalid_request() {
        String runId = api.startRun("gated.md", admin);
        ApiFixture.Response r = api.post("/api/runs/" + runId + "/decide", admin, "{\"choice\": \"maybe\"}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("unknown choice \"maybe\" (choose retry, skip, rollback or abort)");
    }
}
