package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Observation windows through the real binary, watching a service on loopback. */
class ObserveIT {

    @TempDir Path dir;
    HttpServer service;
    final AtomicBoolean failing = new AtomicBoolean();
    RunwayProcess runway;

    @BeforeEach
    void start() throws IOException {
        service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/health", ex -> {
            ex.sendResponseHeaders(failing.get() ? 503 : 200, -1);
            ex.close();
        });
        service.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        service.start();
        runway = new RunwayProcess(dir.resolve("home"), dir);
    }

    @AfterEach
    void stop() {
        service.stop(0);
    }

    void write(String rules) throws IOException {
        Files.writeString(dir.resolve("release.md"), "---\nvars:\n  base_url: { default: 'http://127.0.0.1:"
                + service.getAddress().getPort() + "' }\nmonitors:\n  health: { probe: 'GET {base_url}/health', every: 200ms, window: 5 }\n"
                + "---\n# Release\n\n## Deploy\n\n### Watch\n\n```runway\nobserve: 2s\nrules: " + rules + "\non_failure: rollback\n```\n\n"
                + "## Rollback\n\n### Undo\n\n```bash\ntouch rolled-back\n```\n");
    }

    @Test
    void a_healthy_window_passes_and_a_failing_service_rolls_back() throws IOException {
        write("[health.error_rate > 50% for 600ms]");
        RunwayProcess.Result ok = runway.run("run", "release.md");
        assertThat(ok.exit()).as(ok.toString()).isZero();

        failing.set(true);
        RunwayProcess.Result bad = runway.run("run", "release.md");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(3);
        assertThat(bad.stdout() + bad.stderr()).contains("rule \"health.error_rate > 50% for 600ms\" fired at ");
        assertThat(dir.resolve("rolled-back")).exists();
    }

    @Test
    void lint_and_run_refuse_a_bad_rule_with_its_line() throws IOException {
        write("['health.error_rate >']");
        RunwayProcess.Result lint = runway.run("lint", "release.md");
        assertThat(lint.exit()).as(lint.toString()).isEqualTo(2);
        assertThat(lint.stdout().strip()).isEqualTo("release.md:13:1: error: step \"watch\": rule \"health.error_rate >\" is missing "
                + "a value (write e.g. errors > 1% for 2m)");
        RunwayProcess.Result run = runway.run("run", "release.md");
        assertThat(run.exit()).as(run.toString()).isEqualTo(2);
        assertThat(run.stderr()).contains("rule \"health.error_rate >\" is missing a value");
    }
}
