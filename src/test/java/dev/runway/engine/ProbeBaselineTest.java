package dev.runway.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Baselines of monitors without history: a real endpoint on loopback, probed from the start of
 * the run until the first production step, then compared after a "deploy" that may slow it down.
 */
class ProbeBaselineTest {

    @TempDir
    Path dir;
    EngineHarness h;
    HttpServer server;
    String base;

    @BeforeEach
    void start() throws Exception {
        h = new EngineHarness(dir);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        // The "deployed" slow build answers in about 120ms instead of about 20ms: far above this machine's noise.
        server.createContext("/api", ex -> {
            try {
                Thread.sleep(Files.exists(dir.resolve("slow")) && Files.exists(dir.resolve("deployed")) ? 120 : 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        h.close();
    }

    String runbook(String warmUp) {
        return "---\nvars:\n  base_url: { default: '" + base + "' }\n"
                + "monitors:\n  api: { probe: 'GET {base_url}/api', every: 100ms, baseline: 2s }\n---\n# R\n\n"
                + "## Checks\n\n### Warm up\n\n```bash\nsleep " + warmUp + "\n```\n\n"
                + "## Production\n\n### Deploy\n\n```bash\ntouch deployed\n```\n\n"
                + "### Watch\n\n```runway\nobserve: 2s\nrules: [api.error_rate > 50%]\non_failure: rollback\n```\n\n"
                + "## Rollback\n\n### Undo\n\n```bash\nrm deployed\ntouch rolled-back\n```\n";
    }

    @Test
    void a_latency_regression_after_the_deploy_fails_the_window_against_the_samples_taken_before_it() throws Exception {
        Files.writeString(dir.resolve("slow"), "");
        String id = h.start(runbook("2.5"), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.ROLLED_BACK);
        assertThat(h.state(id).rollbackReason()).matches("step \"watch\" failed: monitor \"api\" regressed against its baseline "
                + "from the 2s before the first production step: median 0\\.0\\d+ before, 0\\.1\\d* after; p=0\\.0000, "
                + "P\\(worse\\)=1\\.00 over \\d\\d and \\d\\d samples: a significant regression");
        assertThat(dir.resolve("rolled-back")).exists();
    }

    @Test
    void the_same_latency_after_the_deploy_passes() throws Exception {
        String id = h.start(runbook("2.5"), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.SUCCEEDED);
        String log = h.store.output(id, "watch", 0).stream().map(JournalStore.OutputChunk::text).reduce("", String::concat);
        assertThat(log).containsPattern("baseline for \"api\": \\d\\d samples from the 2s before the first production step");
        assertThat(log).containsPattern("baseline for \"api\": median 0\\.0\\d+ before, 0\\.0\\d+ after; p=");
    }

    @Test
    void a_run_that_reaches_production_without_time_to_sample_asks_a_person_rather_than_pass() throws Exception {
        String id = h.start(runbook("0").replace("## Checks\n\n### Warm up\n\n```bash\nsleep 0\n```\n\n", ""), "alice");
        assertThat(h.drive(id)).isEqualTo(RunStatus.WAITING);
        assertThat(h.step(id, "watch").detail()).matches("monitor \"api\" has no baseline from the 2s before the first production "
                + "step to compare with: it gave [01] reading\\(s\\) there, and a comparison needs 2 \\(give the run time before "
                + "production, e.g. checks, or a shorter every:\\)");
    }
}
