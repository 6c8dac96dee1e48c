package dev.runway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a monitor cannot be read has its own reason, and is never a reading. */
class MonitorSourcesTest {

    @TempDir
    Path dir;
    HttpServer server;
    String base;
    HttpClient client = HttpClient.newHttpClient();
    final AtomicReference<Answer> answer = new AtomicReference<>(new Answer(200, "", 0));

    record Answer(int status, String body, long delayMillis) {}

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::respond);
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void respond(HttpExchange ex) throws IOException {
        Answer a = answer.get();
        try {
            Thread.sleep(a.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) ex.getResponseBody().write(bytes);
        ex.close();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        client.close();
    }

    Sample prometheus(int status, String body) throws InterruptedException {
        answer.set(new Answer(status, body, 0));
        return new PrometheusSource(client, base, "sum(up)", Duration.ofSeconds(2)).read();
    }

    static String vector(String... values) {
        StringBuilder series = new StringBuilder();
        for (String v : values) {
            if (!series.isEmpty()) series.append(',');
            series.append("{\"metric\":{},\"value\":[1700000000.1,\"").append(v).append("\"]}");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[" + series + "]}}";
    }

    @Test
    void a_one_series_vector_and_a_scalar_are_readings() throws Exception {
        assertThat(prometheus(200, vector("0.25"))).isEqualTo(Sample.Reading.of(0.25));
        assertThat(prometheus(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"scalar\",\"result\":[1.5,\"3\"]}}"))
                .isEqualTo(Sample.Reading.of(3));
    }

    @Test
    void prometheus_failures_each_have_their_own_reason() throws Exception {
        assertThat(prometheus(200, vector())).isEqualTo(new Sample.Unreadable("query returned no series (an empty result is no data, not zero)"));
        assertThat(prometheus(200, vector("1", "2"))).isEqualTo(new Sample.Unreadable(
                "query returned 2 series; a rule needs exactly one (aggregate it, e.g. with sum())"));
        assertThat(prometheus(200, vector("NaN"))).isEqualTo(new Sample.Unreadable(
                "query returned NaN (e.g. a division by zero with no traffic), which is not a measurement"));
        assertThat(prometheus(200, vector("+Inf"))).isEqualTo(new Sample.Unreadable(
                "query returned +Inf (e.g. a division by zero with no traffic), which is not a measurement"));
        assertThat(prometheus(200, vector("lots"))).isEqualTo(new Sample.Unreadable("query result \"lots\" is not a number"));
        assertThat(prometheus(400, "{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"parse error at char 5\"}"))
                .isEqualTo(new Sample.Unreadable("Prometheus at " + base + " answered HTTP 400 with bad_data: parse error at char 5"));
        assertThat(prometheus(502, "Bad Gateway")).isEqualTo(new Sample.Unreadable(
                "Prometheus at " + base + " answered HTTP 502: Bad Gateway"));
        assertThat(prometheus(200, "<html>login</html>")).isEqualTo(new Sample.Unreadable(
                "Prometheus at " + base + " answered with something that is not its JSON API response: <html>login</html>"));
        assertThat(prometheus(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}"))
                .isEqualTo(new Sample.Unreadable("query returned a matrix; a rule needs a scalar or a one-series instant vector"));
    }

    @Test
    void a_slow_prometheus_times_out_and_a_closed_port_is_refused() throws Exception {
        answer.set(new Answer(200, vector("1"), 1500));
        assertThat(new PrometheusSource(client, base, "up", Duration.ofMillis(200)).read())
                .isEqualTo(new Sample.Unreadable("Prometheus at " + base + " did not answer within 200ms"));
        String closed = "http://127.0.0.1:" + freePort();
        assertThat(new PrometheusSource(client, closed, "up", Duration.ofSeconds(1)).read())
                .isEqualTo(new Sample.Unreadable("cannot connect to Prometheus at " + closed + " (connection refused)"));
    }

    @Test
    void the_probe_reports_error_rate_latency_and_up_over_its_window() throws Exception {
        HttpProbe probe = new HttpProbe(client, URI.create(base + "/health"), Duration.ofSeconds(2), 4);
        answer.set(new Answer(200, "ok", 0));
        probe.read();
        probe.read();
        answer.set(new Answer(503, "down", 0));
        Sample.Reading r = (Sample.Reading) probe.read();
        assertThat(r.values()).containsEntry("error_rate", 1.0 / 3).containsEntry("up", 0.0).containsKey("latency_p99");
        assertThat(r.requests()).isEqualTo(3);
        answer.set(new Answer(204, "", 0));
        probe.read();
        r = (Sample.Reading) probe.read();
        assertThat(r.requests()).isEqualTo(4);
        assertThat(r.values()).containsEntry("error_rate", 0.25).containsEntry("up", 1.0);
        assertThat(probe.lastProblem()).isNull();
    }

    @Test
    void a_slow_answer_and_a_redirect_count_as_the_probe_sees_them() throws Exception {
        HttpProbe probe = new HttpProbe(client, URI.create(base + "/health"), Duration.ofMillis(200), 10);
        answer.set(new Answer(302, "", 0));
        assertThat(((Sample.Reading) probe.read()).values()).containsEntry("error_rate", 0.0).containsEntry("up", 1.0);
        answer.set(new Answer(200, "ok", 1000));
        assertThat(((Sample.Reading) probe.read()).values()).containsEntry("error_rate", 0.5).containsEntry("up", 0.0);
        assertThat(probe.lastProblem()).isEqualTo("no answer within 200ms");
        answer.set(new Answer(503, "", 0));
        assertThat(((Sample.Reading) probe.read()).note()).isEqualTo("last request: HTTP 503");
    }

    @Test
    void a_probe_that_is_refused_every_time_reads_as_all_errors_with_no_latency() throws Exception {
        HttpProbe probe = new HttpProbe(client, URI.create("http://127.0.0.1:" + freePort() + "/"), Duration.ofSeconds(1), 10);
        Sample.Reading r = (Sample.Reading) probe.read();
        assertThat(r.values()).containsOnlyKeys("error_rate", "up").containsEntry("error_rate", 1.0);
        assertThat(probe.lastProblem()).isEqualTo("connection refused");
        RuleEvaluator latency = new RuleEvaluator(RuleParser.parse("health.latency_p99 > 1s"), null);
        assertThat(latency.offer(java.time.Instant.EPOCH, r)).isInstanceOf(Verdict.Unreadable.class);
        assertThat(HttpProbe.rank(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 50)).isEqualTo(5);
        assertThat(HttpProbe.rank(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 95)).isEqualTo(10);
    }

    CommandMonitor command(String script, Duration timeout) {
        return new CommandMonitor(script, dir, Map.of("DEPTH", "42"), timeout);
    }

    @Test
    void a_command_that_prints_one_number_is_a_reading() throws Exception {
        assertThat(command("echo \"$DEPTH\"", Duration.ofSeconds(5)).read()).isEqualTo(Sample.Reading.of(42));
        assertThat(command("printf ' 1.5e2 \\n'", Duration.ofSeconds(5)).read()).isEqualTo(Sample.Reading.of(150));
    }

    @Test
    void command_failures_each_have_their_own_reason() throws Exception {
        assertThat(command("echo n/a", Duration.ofSeconds(5)).read())
                .isEqualTo(new Sample.Unreadable("command \"echo n/a\" printed \"n/a\", not one number"));
        assertThat(command("echo 1; echo 2", Duration.ofSeconds(5)).read())
                .isEqualTo(new Sample.Unreadable("command \"echo 1; echo 2\" printed \"1\n2\", not one number"));
        assertThat(command("true", Duration.ofSeconds(5)).read())
                .isEqualTo(new Sample.Unreadable("command \"true\" printed \"\", not one number"));
        assertThat(command("echo NaN", Duration.ofSeconds(5)).read())
                .isEqualTo(new Sample.Unreadable("command \"echo NaN\" printed \"NaN\", not one number"));
        assertThat(command("echo 5; echo 'queue gone' >&2; exit 3", Duration.ofSeconds(5)).read())
                .isEqualTo(new Sample.Unreadable("command \"echo 5; echo 'queue gone' >&2; exit 3\" exited with 3: queue gone"));
        assertThat(command("sleep 5", Duration.ofMillis(300)).read())
                .isEqualTo(new Sample.Unreadable("command \"sleep 5\" did not finish within 300ms"));
    }

    @Test
    void monitors_are_declared_bound_and_checked_against_rules() {
        Map<String, Object> raw = new java.util.LinkedHashMap<>();
        raw.put("health", Map.of("probe", "GET {base_url}/health", "every", "2s"));
        raw.put("errors", Map.of("prometheus", "sum(rate(x{code=~\"5..\"}[1m]))", "url", "http://127.0.0.1:9090", "unreadable_after", "5"));
        raw.put("queue", Map.of("command", "./depth.sh"));
        Monitors.Declared d = Monitors.read(raw, Map.of("base_url", "http://127.0.0.1:8080"));
        assertThat(d.errors()).isEmpty();
        assertThat(d.specs().get("health")).isEqualTo(new Monitors.Spec("health", Monitors.Kind.PROBE, "http://127.0.0.1:8080/health",
                null, Duration.ofSeconds(2), Duration.ofSeconds(2), 60, 3, null));
        assertThat(d.specs().get("errors").target()).isEqualTo("sum(rate(x{code=~\"5..\"}[1m]))");
        assertThat(d.specs().get("errors").unreadableAfter()).isEqualTo(5);
        assertThat(d.specs().get("queue").every()).isEqualTo(Duration.ofSeconds(5));
        assertThat(Monitors.problem(RuleParser.parse("health.value > 1"), d.specs())).isEqualTo(
                "rule \"health.value > 1\" reads value from the probe monitor \"health\", which gives error_rate, latency_p50, "
                        + "latency_p95, latency_p99, up");
        assertThat(Monitors.problem(RuleParser.parse("db > 1"), d.specs())).isEqualTo(
                "rule \"db > 1\" reads the monitor \"db\", which front matter monitors: does not declare (declared: health, errors, queue)");
        assertThat(Monitors.problem(RuleParser.parse("queue > 1 min 5 requests"), d.specs())).isEqualTo(
                "rule \"queue > 1 min 5 requests\" counts requests, which only a probe does; write min N samples");
        assertThat(Monitors.problem(RuleParser.parse("queue > 100 for 1m"), d.specs())).isNull();
        assertThat(Monitors.problem(RuleParser.parse("health.error_rate > 1% min 100 requests"), d.specs())).isEqualTo(
                "rule \"health.error_rate > 1% min 100 requests\" waits for 100 requests, but the probe \"health\" keeps only its "
                        + "last 60 (set window: 100 or more)");
        assertThat(Monitors.problem(RuleParser.parse("health.error_rate > 1% min 60 requests"), d.specs())).isNull();

        assertThat(Monitors.read(Map.of("health", Map.of("probe", "GET http://x/", "baseline", "1s")), Map.of()).errors())
                .containsExactly("monitor \"health\" has baseline: 1s, which holds fewer than 2 samples at every: 1s; a comparison "
                        + "needs at least 2 (use 2s or more)");
        assertThat(Monitors.read(Map.of("health", Map.of("probe", "GET http://x/", "baseline", "soon")), Map.of()).errors())
                .containsExactly("monitor \"health\" has baseline: soon; use e.g. 1s, 30s");
        assertThat(Monitors.read(Map.of("q", Map.of("command", "./depth.sh", "baseline", "1m")), Map.of()).specs().get("q").baseline())
                .isEqualTo(java.time.Duration.ofMinutes(1));
        assertThat(Monitors.read(Map.of("e", Map.of("prometheus", "up", "baseline", "10m")), Map.of()).specs().get("e").baseline())
                .isEqualTo(Duration.ofMinutes(10));

        Monitors.Declared bad = Monitors.read(Map.of("health", Map.of("probe", "GET {base_url}/health", "every", "soon")), Map.of());
        assertThat(bad.errors()).containsExactly("monitor \"health\" has every: soon; use e.g. 1s, 30s",
                "monitor \"health\" probes \"GET {base_url}/health\"; write GET http://host/path",
                "monitor \"health\" uses the variable \"base_url\", which has no value in this run");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
