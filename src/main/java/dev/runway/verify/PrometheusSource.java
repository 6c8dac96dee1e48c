package dev.runway.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A Prometheus instant query ({@code GET /api/v1/query}). The query must give exactly one
 * number: a scalar, or a vector with one series. Everything else (refused, timed out, HTTP
 * error, {@code status: error}, not JSON, no series, several series, NaN or infinite) is
 * unreadable with its own reason.
 */
public final class PrometheusSource implements MetricSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final String server;
    private final String query;
    private final Duration timeout;

    public PrometheusSource(HttpClient client, String server, String query, Duration timeout) {
        this.client = client;
        this.server = server.replaceAll("/+$", "");
        this.query = query;
        this.timeout = timeout;
    }

    @Override
    public Sample read() throws InterruptedException {
        URI uri = URI.create(server + "/api/v1/query?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return unreadable("Prometheus at " + server + " did not answer within " + timeout.toMillis() + "ms");
        } catch (ConnectException e) {
            return unreadable("cannot connect to Prometheus at " + server + " (connection refused)");
        } catch (IOException | IllegalArgumentException e) {
            return unreadable("cannot query Prometheus at " + server + ": " + e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject()) {
            return unreadable(response.statusCode() == 200
                    ? "Prometheus at " + server + " answered with something that is not its JSON API response: " + excerpt(response.body())
                    : "Prometheus at " + server + " answered HTTP " + response.statusCode() + ": " + excerpt(response.body()));
        }
        if ("error".equals(body.path("status").asText()) || response.statusCode() != 200) {
            return unreadable("Prometheus at " + server + " answered HTTP " + response.statusCode() + " with "
                    + body.path("errorType").asText("an error") + ": " + body.path("error").asText("(no message)"));
        }
        JsonNode data = body.path("data");
        String type = data.path("resultType").asText("");
        JsonNode result = data.path("result");
        return switch (type) {
            case "scalar" -> number(result);
            case "vector" -> {
                if (!result.isArray() || result.isEmpty()) {
                    yield unreadable("query returned no series (an empty result is no data, not zero)");
                }
                if (result.size() > 1) {
                    yield unreadable("query returned " + result.size() + " series; a rule needs exactly one "
                            + "(aggregate it, e.g. with sum())");
                }
                yield number(result.get(0).path("value"));
            }
            case "" -> unreadable("Prometheus at " + server + " answered without data.resultType: " + excerpt(response.body()));
            default -> unreadable("query returned a " + type + "; a rule needs a scalar or a one-series instant vector");
        };
    }

    /** A monitor's values over a past interval, or why there are none. */
    public record History(List<Double> values, String problem) {}

    /**
     * The query's values from {@code start} to {@code end}, one per {@code step}
     * ({@code GET /api/v1/query_range}): the "before" side of a baseline comparison. NaN and
     * infinite points are left out; a range that gives no single series is a problem.
     */
    public History range(Instant start, Instant end, Duration step) throws InterruptedException {
        URI uri = URI.create(server + "/api/v1/query_range?query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
                + "&start=" + seconds(start) + "&end=" + seconds(end) + "&step=" + Math.max(0.001, step.toMillis() / 1000.0));
        HttpResponse<String> response;
        try {
            response = client.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new History(List.of(), "Prometheus at " + server + " did not answer within " + timeout.toMillis() + "ms");
        } catch (ConnectException e) {
            return new History(List.of(), "cannot connect to Prometheus at " + server + " (connection refused)");
        } catch (IOException | IllegalArgumentException e) {
            return new History(List.of(), "cannot query Prometheus at " + server + ": " + e);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            return new History(List.of(), "Prometheus at " + server + " answered the range query with HTTP " + response.statusCode()
                    + ": " + (body != null && body.has("error") ? body.path("error").asText() : excerpt(response.body())));
        }
        JsonNode result = body.path("data").path("result");
        if (!"matrix".equals(body.path("data").path("resultType").asText()) || !result.isArray() || result.size() != 1) {
            return new History(List.of(), "the range query gave " + (result.isArray() ? result.size() : 0)
                    + " series before the run; a baseline needs exactly one");
        }
        List<Double> values = new ArrayList<>();
        for (JsonNode point : result.get(0).path("values")) {
            try {
                double v = Double.parseDouble(point.path(1).asText().replace("Inf", "Infinity"));
                if (!Double.isNaN(v) && !Double.isInfinite(v)) values.add(v);
            } catch (NumberFormatException e) {
                // a point that is not a number is no data, like NaN
            }
        }
        return new History(List.copyOf(values), null);
    }

    private static String seconds(Instant at) {
        return at.getEpochSecond() + "." + String.format(java.util.Locale.ROOT, "%03d", at.getNano() / 1_000_000);
    }

    private Sample number(JsonNode pair) {
        if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isTextual()) {
            return unreadable("query result has a malformed value: " + pair);
        }
        String text = pair.get(1).asText();
        if (text.endsWith("Inf")) {
            return unreadable("query returned " + text + " (e.g. a division by zero with no traffic), which is not a measurement");
        }
        double value;
        try {
            value = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return unreadable("query result \"" + text + "\" is not a number");
        }
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return unreadable("query returned " + text + " (e.g. a division by zero with no traffic), which is not a measurement");
        }
        return Sample.Reading.of(value);
    }

    private static Sample unreadable(String reason) {
        return new Sample.Unreadable(reason);
    }

    private static String excerpt(String body) {
        String s = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return s.isEmpty() ? "(empty body)" : s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
