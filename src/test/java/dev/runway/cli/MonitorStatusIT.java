package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An observe window's figures, read by a second process while the first one watches. */
class MonitorStatusIT {

    @TempDir Path dir;

    @Test
    void status_json_from_another_process_shows_each_rules_value_threshold_samples_and_countdown() throws Exception {
        HttpServer service = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        service.createContext("/health", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        service.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        service.start();
        try {
            Files.writeString(dir.resolve("release.md"), "---\nvars:\n  base_url: { default: 'http://127.0.0.1:"
                    + service.getAddress().getPort() + "' }\nmonitors:\n  health: { probe: 'GET {base_url}/health', every: 200ms, window: 5 }\n"
                    + "---\n# Release\n\n## Verify\n\n### Watch\n\n```runway\nobserve: 15s\nrules: [health.error_rate > 50% for 600ms]\n```\n");
            RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
            RunwayProcess.Background run = runway.start("run", "release.md");
            AtomicReference<JsonNode> seen = new AtomicReference<>();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300)).until(() -> {
                // One process per poll (status of the newest run): under a loaded CI machine each start is slow.
                RunwayProcess.Result status = runway.run("status", "--json");
                if (status.exit() != 0) return false;
                JsonNode monitors = status.json().path("monitors");
                if (monitors.isEmpty() || monitors.get(0).path("samples").asLong() < 3) return false;
                seen.set(monitors);
                return true;
            });
            JsonNode m = seen.get().get(0);
            assertThat(seen.get()).hasSize(1);
            assertThat(m.path("scope").asText()).isEqualTo("watch");
            assertThat(m.path("rule").asText()).isEqualTo("health.error_rate > 50% for 600ms");
            assertThat(m.path("metric").asText()).isEqualTo("health.error_rate");
            assertThat(m.path("value").asDouble()).isEqualTo(0.0);
            assertThat(m.path("shown").asText()).isEqualTo("0.0%");
            assertThat(m.path("threshold").asText()).isEqualTo("> 50% for 600ms");
            assertThat(m.path("state").asText()).isEqualTo("ok");
            assertThat(m.path("breaching").asBoolean()).isFalse();
            assertThat(m.path("seconds_left").asLong()).isBetween(1L, 15L);
            assertThat(m.hasNonNull("until")).isTrue();

            RunwayProcess.Result ended = run.await(Duration.ofSeconds(30));
            assertThat(ended.exit()).as(ended.toString()).isZero();
            RunwayProcess.Result after = runway.run("status", runway.newestRun(), "--json");
            assertThat(after.json().path("monitors")).isEmpty();
        } finally {
            service.stop(0);
        }
    }
}
