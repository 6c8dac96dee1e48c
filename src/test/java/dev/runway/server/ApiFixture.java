package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runway.access.Role;
import dev.runway.store.SqliteJournalStore;
import dev.runway.store.SqliteTokenStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;

/**
 * A real server on 127.0.0.1 and a free port, over a temporary home and runbooks directory,
 * with a JDK HttpClient to call it. Tokens are minted straight into the home's token store.
 */
final class ApiFixture implements AutoCloseable {

    static final String GATED = """
            ---
            approvals:
              production: { roles: [approver], count: %d, not_initiator: true }
            ---
            # Gated release

            ## Build

            ### Build

            ```bash
            echo built
            ```

            ## Production

            ### Approve

            ```runway
            gate: production
            ```

            ### Deploy

            ```bash
            echo deployed > deployed.txt
            ```
            """;

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Who mints the fixture's tokens, as the journal records it. */
    static final String ISSUER = "fixture-admin";

    final Path home;
    final Path runbooks;
    final RunwayServer server;
    final SqliteTokenStore tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiFixture(Path dir) {
        this.home = dir.resolve("home");
        this.runbooks = dir.resolve("runbooks");
        try {
            Files.createDirectories(runbooks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.server = RunwayServer.embedded(home, new Settings("127.0.0.1", 0, runbooks, Settings.DEFAULT_MAX_BODY),
                Clock.systemUTC()).start();
        this.tokens = new SqliteTokenStore(home);
    }

    ApiFixture withRunbook(String name, String text) {
        try {
            Path file = runbooks.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    ApiFixture withGatedRunbook(int count) {
        return withRunbook("gated.md", GATED.formatted(count));
    }

    String token(String user, Role... roles) {
        EnumSet<Role> set = roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
        return tokens.create(ISSUER, user, set, Instant.now(), null).token();
    }

    String expiredToken(String user, Role role) {
        Instant now = Instant.now();
        return tokens.create(ISSUER, user, EnumSet.of(role), now.minusSeconds(120), now.minusSeconds(60)).token();
    }

    String revokedToken(String user, Role role) {
        var issued = tokens.create(ISSUER, user, EnumSet.of(role), Instant.now(), null);
        tokens.revoke(ISSUER, issued.info().id(), Instant.now());
        return issued.token();
    }

    Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    Response post(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Response send(String method, String path, String token, String body) {
        return method.equals("GET") ? get(path, token) : post(path, token, body);
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts a run of {@code runbook} as the holder of {@code token}, expecting 201. */
    String startRun(String runbook, String token) {
        Response r = post("/api/runs", token, "{\"runbook\": \"" + runbook + "\"}");
        assertThat(r.status()).as(r.toString()).isEqualTo(201);
        return r.json().get("run").asText();
    }

    JsonNode run(String runId, String token) {
        Response r = get("/api/runs/" + runId, token);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }

    int runCount(String token) {
        return get("/api/runs?limit=200", token).json().get("runs").size();
    }

    /** The journal's action.denied entries, of runs and global. */
    long denials() {
        try (SqliteJournalStore store = new SqliteJournalStore(home)) {
            return store.chain().stream().filter(e -> e.type().equals("action.denied")).count();
        }
    }

    List<String> deniedActions() {
        try (SqliteJournalStore store = new SqliteJournalStore(home)) {
            return store.chain().stream().filter(e -> e.type().equals("action.denied")).map(e -> e.payload()).toList();
        }
    }

    @Override
    public void close() {
        server.stop();
        tokens.close();
    }

    record Response(int status, String body, String contentType) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + this, e);
            }
        }

        String errorCode() {
            return json().path("error").path("code").asText();
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }
}
