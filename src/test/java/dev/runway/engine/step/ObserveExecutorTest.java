package dev.runway.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.plan.Binder;
import dev.runway.plan.Plan;
import dev.runway.runbook.RunbookLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor on its own: what it refuses to watch, and what a command monitor looks like live. */
class ObserveExecutorTest {

    @TempDir
    Path dir;
    final List<String> lines = new ArrayList<>();

    StepOutcome observe(String front, String directive) throws InterruptedException {
        // Bound leniently, as a resumed run's plan is: the executor must still refuse bad rules itself.
        Plan plan = Binder.bind(RunbookLoader.parse("r.md", "---\n" + front + "---\n# R\n\n## Verify\n\n### Watch\n\n```runway\n"
                + directive + "```\n"), Map.of(), Map.of(), false).plan();
        StepContext ctx = new StepContext("run-1", plan.step("watch"), 1, plan.bindings().environment(), dir,
                SecretMasker.NONE, lines::add, plan.runbook().front(), java.time.Instant.now());
        return new ObserveExecutor(Clock.systemDefaultZone()).execute(ctx);
    }

    /** A fake Prometheus: {@code history} for range queries, {@code now} (cycled) for instant ones. */
    String prometheus(String history, double... now) throws java.io.IOException {
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        server.createContext("/api/v1/", ex -> {
            String body = ex.getRequestURI().getPath().endsWith("query_range") ? history
                    : "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[{\"metric\":{},"
                    + "\"value\":[1,\"" + now[next.getAndIncrement() % now.length] + "\"]}]}}";
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        servers.add(server);
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    final List<com.sun.net.httpserver.HttpServer> servers = new ArrayList<>();

    @org.junit.jupiter.api.AfterEach
    void stopServers() {
        servers.forEach(s -> s.stop(0));
    }

    static String matrix(double... values) {
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            points.append(i == 0 ? "" : ",").append("[").append(1000 + i).append(",\"").append(values[i]).append("\"]");
        }
        return "{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[{\"metric\":{},\"values\":["
                + points + "]}]}}";
    }

    static final double[] CALM = {0.010, 0.012, 0.009, 0.011, 0.010, 0.013, 0.008, 0.010, 0.011, 0.009,
            0.012, 0.010, 0.009, 0.011, 0.010, 0.012, 0.008, 0.011, 0.010, 0.009};

    @Test
    void a_significant_regression_against_the_baseline_fails_the_window() throws Exception {
        String url = prometheus(matrix(CALM), 0.050, 0.052, 0.048);
        StepOutcome out = observe("monitors:\n  errors: { prometheus: 'sum(x)', url: '" + url + "', every: 100ms, baseline: 10m }\n",
                "observe: 2s\nrules: [errors > 0.5]\n");
        assertThat(out).isInstanceOf(StepOutcome.Failed.class);
        assertThat(((StepOutcome.Failed) out).reason())
                .startsWith("monitor \"errors\" regressed against its baseline from the 10m before the run: median 0.01 before, 0.05 after; p=0.0000, P(worse)=1.00 over 20 and ")
                .endsWith(" samples: a significant regression");
        assertThat(lines).contains("baseline for \"errors\": 20 samples from the 10m before the run\n");
    }

    @Test
    void a_window_like_its_baseline_passes_and_says_so() throws Exception {
        String url = prometheus(matrix(CALM), CALM);
        StepOutcome out = observe("monitors:\n  errors: { prometheus: 'sum(x)', url: '" + url + "', every: 100ms, baseline: 10m }\n",
                "observe: 2s\nrules: [errors > 0.5]\n");
        assertThat(out).isInstanceOf(StepOutcome.Succeeded.class);
        assertThat(out.output()).containsPattern("baseline for \"errors\": median 0.01\\d* before, 0.01\\d* after; p=");
    }

    @Test
    void a_baseline_that_cannot_be_read_fails_rather_than_skipping_the_comparison() throws Exception {
        String url = prometheus("{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":[]}}", 0.01);
        StepOutcome out = observe("monitors:\n  errors: { prometheus: 'sum(x)', url: '" + url + "', every: 100ms, baseline: 10m }\n",
                "observe: 2s\nrules: [errors > 0.5]\n");
        assertThat(out).isEqualTo(new StepOutcome.Unverified("monitor \"errors\" has no baseline from the 10m before the run to compare "
                + "with: the range query gave 0 series before the run; a baseline needs exactly one", out.output()));
    }

    @Test
    void a_bad_rule_fails_at_once_with_its_message() throws Exception {
        StepOutcome out = observe("monitors:\n  queue: { command: 'echo 1' }\n", "observe: 1m\nrules: ['queue >']\n");
        assertThat(out).isEqualTo(new StepOutcome.Failed("rule \"queue >\" is missing a value (write e.g. errors > 1% for 2m)", ""));
    }

    @Test
    void nothing_to_watch_is_a_failure_not_a_pass() throws Exception {
        assertThat(observe("", "observe: 1m\n")).isEqualTo(new StepOutcome.Failed("observe step has no rules and the runbook no "
                + "triggers, so there is nothing to watch; add e.g. rules: [health.error_rate > 1% for 2m]", ""));
    }

    @Test
    void a_command_monitor_is_watched_and_streamed_each_second() throws Exception {
        StepOutcome out = observe("monitors:\n  queue: { command: 'echo 7', every: 250ms }\n",
                "observe: 2s\nrules: [queue > 100 for 1s]\n");
        assertThat(out).isInstanceOf(StepOutcome.Succeeded.class);
        assertThat(lines).first().isEqualTo("observing \"queue > 100 for 1s\" for 2s\n");
        assertThat(lines).contains("queue.value 7 (threshold > 100 for 1s) ok; 1s left\n");
        assertThat(lines).last().isEqualTo("window over: no rule fired\n");
    }

    @Test
    void a_command_that_prints_no_number_fails_after_its_unreadable_limit() throws Exception {
        StepOutcome out = observe("monitors:\n  queue: { command: 'echo n/a', every: 100ms, unreadable_after: 2 }\n",
                "observe: 1m\nrules: [queue > 100]\n");
        assertThat(out).isInstanceOf(StepOutcome.Unverified.class);
        assertThat(((StepOutcome.Unverified) out).reason()).isEqualTo("monitor \"queue\" could not be read 2 times in a row, so rule "
                + "\"queue > 100\" cannot be checked: command \"echo n/a\" printed \"n/a\", not one number");
        assertThat(out.output()).contains("monitor \"queue\" unreadable (1 in a row): command \"echo n/a\" printed \"n/a\", not one number");
    }
}
