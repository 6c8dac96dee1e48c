package dev.runway.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import dev.runway.engine.RunEvent.Decision;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Observe steps against a real service on loopback, driven through the engine. */
class ObserveStepTest {

    @TempDir
    Path dir;
    EngineHarness h;
    HttpServer server;
    String base;
    final AtomicBoolean failing = new AtomicBoolean();

    @BeforeEach
    void start() throws Exception {
        h = new EngineHarness(dir);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", this::health);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void health(HttpExchange ex) throws IOException {
        ex.sendResponseHeaders(failing.get() ? 500 : 200, -1);
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        h.close();
    }

    String runbook(String monitors, String directive) {
        return "---\nvars:\n  base_url: { default: '" + base + "' }\nmonitors:\n" + monitors + "---\n# R\n\n"
                + "## Deploy\n\n### Watch\n\n```runway\n" + directive + "```\n\n"
                + "## Rollback\n\n### Undo\n\n```bash\ntouch rolled-back\n```\n";
    }

    static final String PROBE = "  health: { probe: 'GET {base_url}/health', every: 200ms, window: 5 }\n";

    @Test
    void a_healthy_window_succeeds_and_streams_a_status_line_each_second() throws Exception {
        String id = h.start(runbook(PROBE, "observe: 3s\nrules: [health.error_rate > 5% for 1s]\n"), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.step(id, "watch").detail()).matches("no rule fired in 3s \\(\\d+ samples\\)");
        String log = h.store.output(id, "watch", 0).stream().map(JournalStore.OutputChunk::text).reduce("", String::concat);
        assertThat(log).contains("health.error_rate 0.0% (threshold > 5% for 1s) ok; 2s left");
        assertThat(log).contains("window over: no rule fired");
    }

    @Test
    void failures_switched_on_mid_window_fire_the_rule_promptly_and_roll_back() throws Exception {
        String id = h.start(runbook(PROBE, "observe: 30s\nrules: [health.error_rate > 50% for 1s]\non_failure: rollback\n"), "alice");
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            failing.set(true);
        });
        long started = System.nanoTime();
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        // 1s healthy, 3 failed probes (600ms) to pass 50% of 5, 1s for the streak, one 200ms interval.
        assertThat(took).isLessThan(Duration.ofSeconds(6));
        assertThat(h.state(id).rollbackReason())
                .matches("step \"watch\" failed: rule \"health.error_rate > 50% for 1s\" fired at \\d\\d:\\d\\d:\\d\\dZ: "
                        + "values (\\d+\\.\\d%, )+100\\.0% over 1(\\.\\d)?s \\(last request: HTTP 500\\)");
        assertThat(dir.resolve("rolled-back")).exists();
    }

    @Test
    void a_monitor_that_cannot_be_read_asks_a_person_with_the_reason_even_where_failures_roll_back() throws Exception {
        int port = freePort();
        String id = h.start(runbook("  errors: { prometheus: 'sum(up)', url: 'http://127.0.0.1:" + port + "', every: 200ms, "
                + "unreadable_after: 3 }\n", "observe: 10s\nrules: [errors > 0.5]\non_failure: rollback\n"), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        String reason = "monitor \"errors\" could not be read 3 times in a row, so rule \"errors > 0.5\" cannot be checked: "
                + "cannot connect to Prometheus at http://127.0.0.1:" + port + " (connection refused)";
        assertThat(h.step(id, "watch").detail()).isEqualTo(reason);
        assertThat(h.state(id).awaiting().await()).isEqualTo(RunEvent.Await.DECISION);
        assertThat(h.state(id).awaiting().reason()).isEqualTo("step \"watch\" could not verify: " + reason);
        assertThat(dir.resolve("rolled-back")).doesNotExist();
        h.people.decide(id, EngineHarness.person("alice"), Decision.ROLLBACK, "Prometheus is down, not worth the risk");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(dir.resolve("rolled-back")).exists();
    }

    @Test
    void a_rule_that_could_never_decide_is_not_a_pass() throws Exception {
        String id = h.start(runbook(PROBE, "observe: 1s\nrules: [health.error_rate > 5% min 100 samples]\non_failure: abort\n"), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        assertThat(h.step(id, "watch").detail()).matches("rule \"health.error_rate > 5% min 100 samples\" could not decide in 1s "
                + "\\(waiting for 100 samples \\(\\d so far\\)\\); a window without data is not a pass");
    }

    @Test
    void bad_rules_and_undeclared_monitors_keep_the_run_from_starting() {
        assertThatThrownBy(() -> h.start(runbook(PROBE, "observe: 30s\nrules: ['errors > ', 'db.value > 1']\n"), "alice"))
                .hasMessageContaining("step \"watch\": rule \"errors > \" is missing a value (write e.g. errors > 1% for 2m)")
                .hasMessageContaining("step \"watch\": rule \"db.value > 1\" reads the monitor \"db\", which front matter "
                        + "monitors: does not declare (declared: health)");
    }

    @Test
    void the_runbooks_triggers_are_watched_during_every_observe_window() throws Exception {
        failing.set(true);
        String id = h.start(runbook(PROBE, "observe: 30s\non_failure: abort\n")
                .replace("monitors:\n", "triggers:\n  - health.up < 1 for 400ms\nmonitors:\n"), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.FAILED);
        // Probes every 200ms: at least three zeros span the 400ms (more when a probe was slow).
        assertThat(h.step(id, "watch").detail())
                .matches("rule \"health.up < 1 for 400ms\" fired at \\d\\d:\\d\\d:\\d\\dZ: values 0, 0(, 0)+ over 0\\.\\ds \\(last request: HTTP 500\\)");
    }

    @Test
    void a_window_cut_off_by_a_crash_starts_again_without_asking() throws Exception {
        String id = h.start(runbook(PROBE, "observe: 1s\nrules: [health.error_rate > 5% for 1s]\n"), "alice");
        h.crashDuring(id, "watch");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(h.step(id, "watch").attempt()).isEqualTo(2);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
