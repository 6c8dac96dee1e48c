package dev.runway.server;

import io.javalin.http.Context;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Prometheus metrics about Runway itself: requests by route template (never the raw path, so
 * run ids cannot blow up cardinality), refusals, runs started and driven, and the JVM.
 */
final class ServerMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    ServerMetrics(IntSupplier drivenRuns) {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        gc.bindTo(registry);
        Gauge.builder("runway.runs.driven", drivenRuns::getAsInt)
                .description("Runs this server is driving now").register(registry);
    }

    void request(Context ctx, float millis) {
        var endpoint = ctx.endpoints().matchedHttpEndpoint();
        String route = endpoint == null ? "unmatched" : endpoint.path;
        Timer.builder("runway.http.requests").description("API requests by route template and status")
                .tag("method", ctx.method().name()).tag("route", route).tag("status", Integer.toString(ctx.statusCode()))
                .register(registry).record(Duration.ofNanos((long) (millis * 1_000_000)));
    }

    void runStarted() {
        Counter.builder("runway.runs.started").description("Runs started through the API").register(registry).increment();
    }

    /** @param reason unauthenticated or forbidden */
    void denied(String reason) {
        Counter.builder("runway.access.denied").description("Requests refused by the access check")
                .tag("reason", reason).register(registry).increment();
    }

    void scrape(Context ctx) {
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
