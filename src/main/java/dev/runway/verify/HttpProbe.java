package dev.runway.verify;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The built-in probe: each read sends one GET and reports figures over the last {@code window}
 * requests. A failed request (refused, timed out, status outside 2xx/3xx) is data, not an
 * unreadable monitor: it raises {@code error_rate} and sets {@code up} to 0. Latency
 * percentiles (nearest rank, in seconds) cover successful requests only, and are absent when
 * there are none, so a latency rule then reads as unreadable rather than healthy.
 */
public final class HttpProbe implements MetricSource {
    /** This read's own request latency in seconds, when it succeeded: what a baseline compares. Not a rule field. */
    public static final String REQUEST_LATENCY = "request_latency";

    private record Result(boolean ok, double seconds) {}

    private final HttpClient client;
    private final URI uri;
    private final Duration timeout;
    private final int window;
    private final Deque<Result> results = new ArrayDeque<>();
    private String lastProblem;

    public HttpProbe(HttpClient client, URI uri, Duration timeout, int window) {
        this.client = client;
        this.uri = uri;
        this.timeout = timeout;
        this.window = window;
    }

    /** Why the last request failed, or null when it succeeded. */
    public String lastProblem() {
        return lastProblem;
    }

    @Override
    public Sample read() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        long start = System.nanoTime();
        Result result;
        try {
            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
            double seconds = (System.nanoTime() - start) / 1e9;
            boolean ok = response.statusCode() >= 200 && response.statusCode() < 400;
            lastProblem = ok ? null : "HTTP " + response.statusCode();
            result = new Result(ok, seconds);
        } catch (ConnectException e) {
            // Short: it is shown after every sample value ("last request: connection refused").
            lastProblem = e.getMessage() == null || e.getMessage().isBlank() ? "connection refused" : HttpFailure.describe(e, uri, timeout);
            result = new Result(false, 0);
        } catch (IOException e) {
            lastProblem = HttpFailure.describe(e, uri, timeout);
            result = new Result(false, 0);
        }
        results.addLast(result);
        while (results.size() > window) results.removeFirst();
        return figures(result);
    }

    private Sample figures(Result latest) {
        boolean up = latest.ok();
        Map<String, Double> values = new LinkedHashMap<>();
        if (up) values.put(REQUEST_LATENCY, latest.seconds());
        long failed = results.stream().filter(r -> !r.ok()).count();
        values.put("error_rate", (double) failed / results.size());
        values.put("up", up ? 1.0 : 0.0);
        double[] latencies = results.stream().filter(Result::ok).mapToDouble(Result::seconds).sorted().toArray();
        if (latencies.length > 0) {
            values.put("latency_p50", rank(latencies, 50));
            values.put("latency_p95", rank(latencies, 95));
            values.put("latency_p99", rank(latencies, 99));
        }
        return new Sample.Reading(Map.copyOf(values), results.size(), up ? null : "last request: " + lastProblem);
    }

    static double rank(double[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.clamp(index, 0, sorted.length - 1)];
    }
}
