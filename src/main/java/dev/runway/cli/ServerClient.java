package dev.runway.cli;

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
import java.util.Map;

/**
 * The CLI as a client of {@code runway serve}: one JSON call at a time with the JDK's
 * HttpClient, the token as a bearer header. A server's error body ({@code {"error": {code,
 * message}}}) becomes a {@link Failure}: exit 2 for a 4xx (the caller's request or rights),
 * 1 for a 5xx or a server that cannot be reached.
 */
final class ServerClient implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;
    private final HttpClient http;

    ServerClient(String server, String token) {
        String url = server.strip();
        while (url.endsWith("/")) url = url.substring(0, url.length() - 1);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new UsageError("--server must be a URL like http://host:8080, got \"" + server + "\"");
        }
        if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
            throw new UsageError("--server must be a URL like http://host:8080, got \"" + server + "\"");
        }
        if (token == null || token.isBlank()) {
            throw new UsageError("--server needs a token: --token T or RUNWAY_TOKEN (make one with runway token create on the server)");
        }
        this.base = url;
        this.token = token.strip();
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    String base() {
        return base;
    }

    /** Shuts the client down: its idle selector thread would hold up the JVM's exit by 300 ms. */
    @Override
    public void close() {
        http.shutdownNow();
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, Map<String, ?> body) {
        return send("POST", path, body);
    }

    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode send(String method, String path, Map<String, ?> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
        if (body == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body)));
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Failure(ExitCodes.FAILED, "cannot reach the server at " + base + " (connection refused)");
        } catch (HttpTimeoutException e) {
            throw new Failure(ExitCodes.FAILED, "the server at " + base + " did not answer in time");
        } catch (IOException e) {
            throw new Failure(ExitCodes.FAILED, "cannot reach the server at " + base + " (" + describe(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure(ExitCodes.FAILED, "interrupted while calling the server at " + base);
        }
        int status = response.statusCode();
        JsonNode json = parse(response.body());
        if (status >= 200 && status < 300) {
            if (json == null) throw new Failure(ExitCodes.FAILED, "the server at " + base + " answered " + method + " " + path + " with something that is not JSON");
            return json;
        }
        String code = json == null ? "" : json.path("error").path("code").asText("");
        String message = json == null ? "" : json.path("error").path("message").asText("");
        if (code.isEmpty()) code = "http_" + status;
        if (message.isEmpty()) message = "the server answered " + method + " " + path + " with HTTP " + status;
        throw new Failure(status >= 400 && status < 500 ? ExitCodes.INVALID : ExitCodes.FAILED, message + " (" + code + ")");
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private static String describe(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getMessage() == null) t = t.getCause();
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** A call that did not go through: printed as {@code runway: MESSAGE}, exit code as given. */
    static final class Failure extends RuntimeException {
        final int exit;

        Failure(int exit, String message) {
            super(message);
            this.exit = exit;
        }
    }
}
