package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runway.access.Passwords;
import dev.runway.access.Role;
import dev.runway.fixtures.TestRunbooks;
import dev.runway.store.SqliteJournalStore;
import dev.runway.store.SqliteTokenStore;
import dev.runway.store.SqliteUserStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Pattern SESSION_COOKIE = Pattern.compile("runway_session=(rw_s_[A-Za-z0-9_-]{43}); Path=/; HttpOnly; SameSite=Strict");
    /** Who mints the fixture's tokens, as the journal records it. */
    static final String ISSUER = "fixture-admin";

    final Path home;
    final Path runbooks;
    final RunwayServer server;
    final SqliteTokenStore tokens;
    final SqliteUserStore users;
    final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiFixture(Path dir) {
        this(dir, Clock.systemUTC());
    }

    ApiFixture(Path dir, Clock clock) {
        this.clock = clock;
        this.home = dir.resolve("home");
        this.runbooks = dir.resolve("runbooks");
        try {
            Files.createDirectories(runbooks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.server = RunwayServer.embedded(home, new Settings("127.0.0.1", 0, runbooks, Settings.DEFAULT_MAX_BODY),
                clock).start();
        this.tokens = new SqliteTokenStore(home);
        this.users = new SqliteUserStore(home);
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
        return withRunbook("gated.md", TestRunbooks.gatedRelease(count));
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

    /** A web UI user with a password, made as {@code runway user add} does. */
    ApiFixture withUser(String name, String password, Role... roles) {
        EnumSet<Role> set = roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
        assertThat(users.add(name, set, Passwords.hash(password.toCharArray()), clock.instant())).isTrue();
        return this;
    }

    /** Posts the sign-in form. */
    Response signInForm(String name, String password) {
        return send(HttpRequest.newBuilder(URI.create(url("/ui/sign-in"))).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("name", name, "password", password))));
    }

    /** Signs in through the form, expecting success: the session cookie and its CSRF token. */
    Session signIn(String name, String password) {
        Response r = signInForm(name, password);
        assertThat(r.status()).as(r.toString()).isEqualTo(303);
        String cookie = r.header("Set-Cookie");
        Matcher m = SESSION_COOKIE.matcher(cookie);
        assertThat(m.matches()).as(cookie).isTrue();
        String id = m.group(1);
        return new Session(id, users.session(id, clock.instant(), SignIn.IDLE).orElseThrow().csrf());
    }

    /** A request as a signed-in browser sends it: the cookie, and {@code csrf} (null: none) as the X-CSRF-Token header. */
    Response send(String method, String path, Session session, String csrf, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .header("Cookie", SignIn.COOKIE + "=" + session.id());
        if (csrf != null) b.header("X-CSRF-Token", csrf);
        if (body == null) return send(b.method(method, HttpRequest.BodyPublishers.noBody()));
        return send(b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)));
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.port() + path;
    }

    static String form(String... namesAndValues) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!b.isEmpty()) b.append('&');
            b.append(URLEncoder.encode(namesAndValues[i], StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(namesAndValues[i + 1], StandardCharsets.UTF_8));
        }
        return b.toString();
    }

    record Session(String id, String csrf) {}

    Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    Response post(String path, String token, String body) {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** Any method; a null body sends none (GET, HEAD, OPTIONS). */
    Response send(String method, String path, String token, String body) {
        if (body == null) return send(request(path, token).method(method, HttpRequest.BodyPublishers.noBody()));
        return send(request(path, token).header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body)));
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
            return new Response(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""), r.headers().map());
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
        users.close();
    }

    record Response(int status, String body, String contentType, Map<String, List<String>> headers) {
        /** The first value of a response header, or null. */
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().getFirst()).findFirst().orElse(null);
        }

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
