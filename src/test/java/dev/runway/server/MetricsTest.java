package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.access.Role;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsTest {

    @TempDir Path dir;
    ApiFixture api;
    String viewer;

    @BeforeEach
    void setUp() {
        api = new ApiFixture(dir);
        viewer = api.token("prometheus", Role.VIEWER);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void requests_are_counted_by_route_template_not_by_raw_path() {
        api.get("/api/runs", viewer);
        api.get("/api/runs/some-run-id", viewer);
        api.get("/api/runs", null);

        // a request is recorded as its response completes, which may be a moment after the client has it
        org.awaitility.Awaitility.await().untilAsserted(() -> {
            ApiFixture.Response metrics = api.get("/metrics", viewer);
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.body())
                    .contains("runway_http_requests_seconds_count{method=\"GET\",route=\"/api/runs\",status=\"200\"} 1")
                    .contains("runway_http_requests_seconds_count{method=\"GET\",route=\"/api/runs/{id}\",status=\"404\"} 1")
                    .contains("runway_access_denied_total{reason=\"unauthenticated\"} 1")
                    .contains("runway_runs_driven ")
                    .contains("jvm_memory_used_bytes")
                    .doesNotContain("some-run-id");
        });
    }

    @Test
    void metrics_need_a_token() {
        assertThat(api.get("/metrics", null).status()).isEqualTo(401);
    }
}
