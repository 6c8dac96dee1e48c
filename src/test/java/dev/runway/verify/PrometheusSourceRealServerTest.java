package dev.runway.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link PrometheusSource} against a real Prometheus server scraping a loopback service. Skipped,
 * saying why, where the prometheus binary is not installed ({@code apt-get install prometheus}).
 */
class PrometheusSourceRealServerTest {
    static final Path BINARY = Path.of("/usr/bin/prometheus");

    @TempDir
    static Path dir;
    static HttpServer target;
    static Process prometheus;
    static String url;
    static final AtomicLong requests = new AtomicLong();
    static final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(BINARY),
                "skipped: no Prometheus server at " + BINARY + " (apt-get install -y prometheus)");
        target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        target.createContext("/metrics", ex -> {
            String body = "# TYPE runway_test_requests_total counter\n"
                    + "runway_test_requests_total{code=\"200\"} " + requests.addAndGet(10) + "\n"
                    + "runway_test_requests_total{code=\"500\"} 0\n"
                    + "# TYPE runway_test_depth gauge\nrunway_test_depth 42\n";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/plain; version=0.0.4");
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        target.start();
        int port = freePort();
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, "global:\n  scrape_interval: 1s\n  evaluation_interval: 1s\nscrape_configs:\n"
                + "  - job_name: app\n    static_configs:\n      - targets: ['127.0.0.1:" + target.getAddress().getPort() + "']\n");
        prometheus = new ProcessBuilder(BINARY.toString(), "--config.file=" + config, "--web.listen-address=127.0.0.1:" + port,
                "--storage.tsdb.path=" + dir.resolve("data"))
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        url = "http://127.0.0.1:" + port;
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> read("runway_test_depth") instanceof Sample.Reading);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (prometheus != null) {
            prometheus.destroy();
            if (!prometheus.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) prometheus.destroyForcibly();
        }
        if (target != null) target.stop(0);
    }

    static Sample read(String query) throws InterruptedException {
        return new PrometheusSource(client, url, query, Duration.ofSeconds(5)).read();
    }

    @Test
    void a_scraped_gauge_and_a_scalar_are_readings() throws Exception {
        assertThat(read("runway_test_depth")).isEqualTo(Sample.Reading.of(42));
        assertThat(read("scalar(runway_test_depth) * 2")).isEqualTo(Sample.Reading.of(84));
    }

    @Test
    void an_error_ratio_over_a_counter_is_a_reading_once_rates_exist() {
        String ratio = "sum(rate(runway_test_requests_total{code=~\"5..\"}[5s])) / sum(rate(runway_test_requests_total[5s]))";
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> read(ratio).equals(Sample.Reading.of(0)));
    }

    @Test
    void the_real_servers_failures_are_unreadable_with_their_reasons() throws Exception {
        assertThat(read("no_such_metric")).isEqualTo(new Sample.Unreadable("query returned no series (an empty result is no data, not zero)"));
        assertThat(read("runway_test_requests_total")).isEqualTo(new Sample.Unreadable(
                "query returned 2 series; a rule needs exactly one (aggregate it, e.g. with sum())"));
        assertThat(read("vector(0) / vector(0)")).isEqualTo(new Sample.Unreadable(
                "query returned NaN (e.g. a division by zero with no traffic), which is not a measurement"));
        assertThat(read("sum(")).isInstanceOf(Sample.Unreadable.class);
        assertThat(((Sample.Unreadable) read("sum(")).reason()).startsWith("Prometheus at " + url + " answered HTTP 400 with bad_data: ");
        assertThat(read("runway_test_depth[10s]")).isEqualTo(new Sample.Unreadable(
                "query returned a matrix; a rule needs a scalar or a one-series instant vector"));
    }

    @Test
    void a_rule_over_a_real_query_fires_after_holding_for_its_window() throws Exception {
        PrometheusSource depth = new PrometheusSource(client, url, "max(runway_test_depth)", Duration.ofSeconds(2));
        RuleEvaluator rule = new RuleEvaluator(RuleParser.parse("depth > 40 for 1s"), Duration.ofSeconds(2));
        Verdict verdict = null;
        java.time.Instant start = java.time.Instant.now();
        for (int i = 0; i < 20 && !(verdict instanceof Verdict.Fired); i++) {
            verdict = rule.offer(java.time.Instant.now(), depth.read());
            Thread.sleep(250);
        }
        assertThat(verdict).isInstanceOf(Verdict.Fired.class);
        Verdict.Fired fired = (Verdict.Fired) verdict;
        assertThat(fired.values()).allSatisfy(s -> assertThat(s.value()).isEqualTo(42));
        assertThat(Duration.between(fired.first(), fired.last())).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(Duration.between(start, fired.last())).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void the_history_before_now_is_a_baseline() throws Exception {
        PrometheusSource depth = new PrometheusSource(client, url, "runway_test_depth", Duration.ofSeconds(2));
        java.time.Instant now = java.time.Instant.now();
        PrometheusSource.History h = depth.range(now.minusSeconds(3), now, Duration.ofMillis(500));
        assertThat(h.problem()).isNull();
        assertThat(h.values()).isNotEmpty().allSatisfy(v -> assertThat(v).isEqualTo(42));
        assertThat(new PrometheusSource(client, url, "no_such_metric", Duration.ofSeconds(2)).range(now.minusSeconds(3), now,
                Duration.ofSeconds(1)).problem()).isEqualTo("the range query gave 0 series before the run; a baseline needs exactly one");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
