package dev.runway.engine;

import static dev.runway.engine.EngineHarness.person;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.runway.engine.RunEvent.Decision;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Critical and Major smoke checks after a production change: Critical rolls back at once; Major
 * asks a person, but only until the rollback deadline.
 */
class SmokeSeverityTest {

    @TempDir
    Path dir;
    EngineHarness h;
    HttpServer server;
    String base;
    final AtomicInteger status = new AtomicInteger(503);

    @BeforeEach
    void start() throws Exception {
        h = new EngineHarness(dir);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/orders", ex -> {
            ex.sendResponseHeaders(status.get(), -1);
            ex.close();
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        h.close();
    }

    String runbook(String deadline, String type) {
        return "---\nvars:\n  base_url: { default: '" + base + "' }\nrollback_deadline: " + deadline + "\n---\n# R\n\n"
                + "## Production\n\n### Deploy\n\n```bash\ntrue\n```\n\n## Smoke Tests\n\n"
                + "| Test | Type | Expected Result |\n|---|---|---|\n| Orders answer | " + type + " | `GET /orders` -> 200 |\n\n"
                + "## Rollback\n\n### Undo\n\n```bash\ntouch rolled-back\n```\n";
    }

    CompletableFuture<RunStatus> driveThrough(String id) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return h.engine.drive(id, h.plan(h.state(id).start()), false, RunListener.NONE);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void a_critical_http_directive_rolls_back_at_once() throws Exception {
        String id = h.start("# R\n\n## Production\n\n### Orders\n\n```runway\nhttp: GET " + base + "/orders\nseverity: critical\n```\n\n"
                + "## Rollback\n\n### Undo\n\n```bash\ntouch rolled-back\n```\n", "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(h.state(id).rollbackReason()).isEqualTo("step \"orders\" failed: expected HTTP 200, got 503");
        assertThat(dir.resolve("rolled-back")).exists();
    }

    @Test
    void a_major_failure_asks_a_person_until_the_rollback_deadline_and_retry_works() throws Exception {
        String id = h.start(runbook("10m", "Major"), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        RunEvent.StepAwaiting asked = h.state(id).awaiting();
        Instant deadline = h.step(id, "deploy").startedAt().plus(Duration.ofMinutes(10));
        assertThat(asked.await()).isEqualTo(RunEvent.Await.DECISION);
        assertThat(asked.until()).isEqualTo(deadline);
        assertThat(asked.reason()).isEqualTo("step \"smoke-tests\" failed: expected HTTP 200, got 503 (Major: decide before the "
                + "rollback deadline " + deadline.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + ", or Runway rolls back)");
        status.set(200);
        h.people.decide(id, person("alice"), Decision.RETRY, null);
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(dir.resolve("rolled-back")).doesNotExist();
    }

    @Test
    void a_major_failure_can_be_skipped_with_a_reason() throws Exception {
        String id = h.start(runbook("10m", "Major"), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        h.people.decide(id, person("alice"), Decision.SKIP, "orders service is migrated separately");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.step(id, "smoke-tests").status()).isEqualTo(StepStatus.SKIPPED);
    }

    @Test
    void nobody_deciding_on_a_major_failure_before_the_deadline_rolls_back_by_itself() throws Exception {
        String id = h.start(runbook("2s", "Major"), "alice");
        long started = System.nanoTime();
        assertThat(driveThrough(id).get(20, TimeUnit.SECONDS)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
        Instant deadline = h.step(id, "deploy").startedAt().plus(Duration.ofSeconds(2));
        assertThat(h.state(id).rollbackReason()).isEqualTo("no decision on the failed Major check \"smoke-tests\" came before the "
                + "rollback deadline (" + deadline.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "): expected HTTP 200, got 503");
        assertThat(dir.resolve("rolled-back")).exists();
    }
}
