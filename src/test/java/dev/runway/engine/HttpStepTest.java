package dev.runway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTTP checks and smoke tables against a real HTTP server on loopback. */
class HttpStepTest {

    @TempDir
    Path dir;
    EngineHarness h;
    HttpServer server;
    String base;

    @BeforeEach
    void start() throws Exception {
        h = new EngineHarness(dir);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", ex -> respond(ex, 200, "{\"status\":\"ok\",\"build\":{\"version\":\"1.4.2\"}}"));
        server.createContext("/broken", ex -> respond(ex, 503, "down"));
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        h.close();
    }

    @Test
    void an_http_check_verifies_status_and_json_fields() throws Exception {
        String id = h.start("# R\n\n## Verify\n\n### Health\n\n```runway\nhttp: GET " + base + "/health\n"
                + "expect: { status: 200, json: { status: ok, build.version: 1.4.2 }, within: 5s }\n```\n", "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.step(id, "health").detail()).startsWith("HTTP 200 in ");
    }

    @Test
    void a_check_that_gets_no_answer_says_why_in_words() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        String id = h.start("# R\n\n## Verify\n\n### Refused\n\n```runway\nhttp: GET http://127.0.0.1:" + closed + "/health\n"
                + "on_failure: continue\n```\n\n### Unknown host\n\n```runway\nhttp: GET http://no-such-host.invalid/health\n"
                + "on_failure: abort\n```\n", "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.FAILED);
        assertThat(h.step(id, "refused").detail()).isEqualTo("skipped by runway: on_failure: continue after GET http://127.0.0.1:" + closed
                + "/health failed: connection refused (nothing listening at 127.0.0.1:" + closed + ")");
        assertThat(h.step(id, "unknown-host").detail())
                .isEqualTo("GET http://no-such-host.invalid/health failed: cannot resolve host no-such-host.invalid");
    }

    @Test
    void a_wrong_json_field_fails_with_what_was_seen() throws Exception {
        String id = h.start("# R\n\n## Verify\n\n### Health\n\n```runway\nhttp: GET " + base + "/health\n"
                + "expect: { json: { build.version: 2.0.0 } }\non_failure: abort\n```\n", "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.FAILED);
        assertThat(h.step(id, "health").detail()).isEqualTo("JSON field build.version is \"1.4.2\", expected \"2.0.0\"");
    }

    @Test
    void a_critical_smoke_test_failure_rolls_back_and_relative_paths_use_base_url() throws Exception {
        String id = h.start("---\nvars:\n  base_url: { default: '" + base + "' }\n---\n# R\n\n## Smoke Tests\n\n"
                + "| Test | Type | Expected Result |\n|---|---|---|\n"
                + "| Health answers | Critical | `GET /health` -> 200 |\n"
                + "| Broken answers | Critical | `GET /broken` -> 200 |\n\n"
                + "## Rollback\n\n### Undo\n\n```bash\ntouch rolled-back\n```\n", "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(h.state(id).rollbackReason()).contains("expected HTTP 200, got 503");
        assertThat(dir.resolve("rolled-back")).exists();
    }

    @Test
    void a_refused_connection_is_a_failure_with_the_reason() throws Exception {
        server.stop(0);
        String id = h.start("# R\n\n## Verify\n\n### Health\n\n```runway\nhttp: GET " + base + "/health\non_failure: abort\n```\n", "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.FAILED);
        assertThat(h.step(id, "health").detail()).startsWith("GET " + base + "/health failed: ");
    }
}
