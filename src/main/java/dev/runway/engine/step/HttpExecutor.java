package dev.runway.engine.step;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runway.runbook.Action;
import dev.runway.verify.HttpFailure;
import dev.runway.verify.SharedHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Runs {@code http} steps and smoke-table requests: sends the request, then checks status,
 * JSON fields by dotted path, a body substring and the latency bound. Every check that fails
 * is named in the reason.
 */
public final class HttpExecutor implements StepExecutor {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final int BODY_EXCERPT = 2048;

    /** Open only while http steps run: an idle client's selector thread would hold up the JVM's exit (SharedHttpClient). */
    private final SharedHttpClient clients = new SharedHttpClient(() -> HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build());

    @Override
    public StepOutcome execute(StepContext ctx) throws InterruptedException {
        Action.Http h = (Action.Http) ctx.step().bound();
        Duration timeout = ctx.step().step().policy().timeout() != null ? ctx.step().step().policy().timeout() : DEFAULT_TIMEOUT;
        HttpRequest request;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(h.url())).timeout(timeout);
            h.headers().forEach(b::header);
            b.method(h.method(), h.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(h.body()));
            request = b.build();
        } catch (IllegalArgumentException e) {
            return new StepOutcome.Failed("invalid request " + h.method() + " " + h.url() + ": " + e.getMessage(), "");
        }
        long started = System.nanoTime();
        HttpResponse<String> response;
        HttpClient client = clients.acquire();
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new StepOutcome.Failed(h.method() + " " + h.url() + " failed: " + HttpFailure.describe(e, request.uri(), timeout), "");
        } finally {
            clients.release();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        String body = response.body() == null ? "" : response.body();
        String shown = ctx.masker().mask(body.length() > BODY_EXCERPT ? body.substring(0, BODY_EXCERPT) + "…" : body);
        String output = "HTTP " + response.statusCode() + " in " + took.toMillis() + " ms\n" + shown;
        ctx.sink().accept(output + "\n");
        Action.HttpExpectation expect = h.expect();
        int status = expect == null || expect.status() == 0 ? 200 : expect.status();
        if (response.statusCode() != status) {
            return new StepOutcome.Failed("expected HTTP " + status + ", got " + response.statusCode(), output);
        }
        if (expect != null && expect.within() != null && took.compareTo(expect.within()) > 0) {
            return new StepOutcome.Failed("took " + took.toMillis() + " ms, more than " + expect.within().toMillis() + " ms", output);
        }
        if (expect != null && expect.contains() != null && !body.contains(expect.contains())) {
            return new StepOutcome.Failed("response body does not contain \"" + expect.contains() + "\"", output);
        }
        if (expect != null && expect.json() != null && !expect.json().isEmpty()) {
            String mismatch = jsonMismatch(body, expect.json());
            if (mismatch != null) return new StepOutcome.Failed(mismatch, output);
        }
        return new StepOutcome.Succeeded("HTTP " + response.statusCode() + " in " + took.toMillis() + " ms", output);
    }

    private static String jsonMismatch(String body, Map<String, String> expected) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            return "response is not JSON, so its fields cannot be checked";
        }
        for (var entry : expected.entrySet()) {
            JsonNode node = root;
            for (String part : entry.getKey().split("\\.")) {
                node = node == null ? null : (node.isArray() && part.matches("\\d+") ? node.get(Integer.parseInt(part)) : node.get(part));
            }
            String actual = node == null || node.isMissingNode() ? null : node.isValueNode() ? node.asText() : node.toString();
            if (!entry.getValue().equals(actual)) {
                return "JSON field " + entry.getKey() + " is " + (actual == null ? "missing" : "\"" + actual + "\"")
                        + ", expected \"" + entry.getValue() + "\"";
            }
        }
        return null;
    }
}
