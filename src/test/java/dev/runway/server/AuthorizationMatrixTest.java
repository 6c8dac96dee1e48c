package dev.runway.server;

import static dev.runway.access.Role.ADMIN;
import static dev.runway.access.Role.AGENT;
import static dev.runway.access.Role.APPROVER;
import static dev.runway.access.Role.OPERATOR;
import static dev.runway.access.Role.RELEASE_MANAGER;
import static dev.runway.access.Role.VIEWER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.access.Role;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint × every role, with a bearer token and with a browser session, plus no token,
 * a bad token, an expired and a revoked one, and sessions without or with a wrong CSRF token.
 * The expected table is written out here, independently of the server's route table: a change
 * to who may do what has to change both.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    private static final Set<Role> EVERYONE = EnumSet.allOf(Role.class);

    record Endpoint(String method, String path, String body, Set<Role> allowed) {
        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final List<Endpoint> ENDPOINTS = withHeads(List.of(
            new Endpoint("GET", "/metrics", null, EVERYONE),
            new Endpoint("GET", "/api/runbooks", null, EVERYONE),
            new Endpoint("GET", "/api/runs", null, EVERYONE),
            new Endpoint("POST", "/api/runs", "{\"runbook\": \"plain.md\"}", EnumSet.of(OPERATOR, RELEASE_MANAGER, ADMIN, AGENT)),
            new Endpoint("GET", "/api/runs/{id}", null, EVERYONE),
            new Endpoint("POST", "/api/runs/{id}/approve", "{}", EnumSet.of(APPROVER, RELEASE_MANAGER, ADMIN)),
            new Endpoint("POST", "/api/runs/{id}/reject", "{}", EnumSet.of(APPROVER, RELEASE_MANAGER, ADMIN, OPERATOR)),
            new Endpoint("POST", "/api/runs/{id}/confirm", "{}", EnumSet.of(OPERATOR, RELEASE_MANAGER, ADMIN)),
            new Endpoint("POST", "/api/runs/{id}/decide", "{\"choice\": \"retry\"}", EnumSet.of(OPERATOR, RELEASE_MANAGER, ADMIN, AGENT)),
            new Endpoint("POST", "/api/runs/{id}/rollback", "{}", EnumSet.of(OPERATOR, RELEASE_MANAGER, ADMIN)),
            new Endpoint("POST", "/api/runs/{id}/resume", "{}", EnumSet.of(OPERATOR, RELEASE_MANAGER, ADMIN, AGENT)),
            new Endpoint("GET", "/api/runs/{id}/logs", null, EVERYONE),
            new Endpoint("GET", "/api/runs/{id}/report", null, EVERYONE),
            new Endpoint("GET", "/api/audit/verify", null, EVERYONE),
            new Endpoint("GET", "/api/runs/{id}/events", null, EVERYONE),
            new Endpoint("GET", "/", null, EVERYONE),
            new Endpoint("GET", "/ui/history", null, EVERYONE),
            new Endpoint("GET", "/ui/runs/{id}", null, EVERYONE),
            new Endpoint("GET", "/ui/runs/{id}/report", null, EVERYONE),
            new Endpoint("POST", "/ui/sign-out", "", EVERYONE)));

    /** HEAD is GET without the body: each GET row has a HEAD row, allowed to the same roles. */
    private static List<Endpoint> withHeads(List<Endpoint> rows) {
        List<Endpoint> all = new ArrayList<>();
        for (Endpoint e : rows) {
            all.add(e);
            if (e.method().equals("GET")) all.add(new Endpoint("HEAD", e.path(), null, e.allowed()));
        }
        return List.copyOf(all);
    }

    private static boolean reads(Endpoint e) {
        return e.method().equals("GET") || e.method().equals("HEAD");
    }

    private static final String PASSWORD = "matrix password";

    ApiFixture api;
    String runId;
    final Map<Role, String> tokens = new EnumMap<>(Role.class);
    final Map<Role, ApiFixture.Session> sessions = new EnumMap<>(Role.class);

    @BeforeAll
    void setUp(@TempDir Path dir) {
        // The run every {id} route is called on: finished, so allowed calls get 200 or a 409
        // refusal and never change it; plain.md has no lock conflicts with itself once done.
        api = new ApiFixture(dir).withRunbook("plain.md", "# Plain\n\n## Go\n\n### Go\n\n```bash\necho go\n```\n");
        for (Role r : Role.values()) {
            tokens.put(r, api.token("user-" + r.label(), r));
            api.withUser("user-" + r.label(), PASSWORD, r);
            sessions.put(r, api.signIn("user-" + r.label(), PASSWORD));
        }
        runId = api.startRun("plain.md", tokens.get(ADMIN));
        org.awaitility.Awaitility.await().until(() -> api.run(runId, tokens.get(ADMIN)).get("status").asText().equals("succeeded"));
    }

    @AfterAll
    void tearDown() {
        api.close();
    }

    private ApiFixture.Response call(Endpoint e, String token) {
        return settled(e, api.send(e.method(), e.path().replace("{id}", runId), token, e.body()));
    }

    /** As a signed-in browser: the session's cookie, and its CSRF token on unsafe requests. */
    private ApiFixture.Response callSignedIn(Endpoint e, Role role) {
        // Signing out would end the session the next endpoints use: sign out of a fresh one.
        ApiFixture.Session s = e.path().equals("/ui/sign-out") ? api.signIn("user-" + role.label(), PASSWORD) : sessions.get(role);
        return settled(e, api.send(e.method(), e.path().replace("{id}", runId), s, reads(e) ? null : s.csrf(), e.body()));
    }

    private ApiFixture.Response settled(Endpoint e, ApiFixture.Response r) {
        if (e.method().equals("POST") && e.path().equals("/api/runs") && r.status() == 201) {
            // let the run finish so the next role's start is not refused by the runbook's lock
            String started = r.json().get("run").asText();
            org.awaitility.Awaitility.await().until(() -> api.run(started, tokens.get(ADMIN)).get("status").asText().equals("succeeded"));
        }
        return r;
    }

    @TestFactory
    List<DynamicTest> every_endpoint_for_every_role() {
        return matrix("", (e, role) -> call(e, tokens.get(role)));
    }

    @TestFactory
    List<DynamicTest> every_endpoint_for_every_role_signed_in_through_the_browser() {
        return matrix(" signed in", this::callSignedIn);
    }

    private List<DynamicTest> matrix(String how, java.util.function.BiFunction<Endpoint, Role, ApiFixture.Response> caller) {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            for (Role role : Role.values()) {
                boolean allowed = e.allowed().contains(role);
                tests.add(DynamicTest.dynamicTest(e + " as " + role.label() + how + (allowed ? " is allowed" : " is forbidden"), () -> {
                    long denialsBefore = api.denials();
                    ApiFixture.Response r = caller.apply(e, role);
                    if (e.method().equals("HEAD")) {
                        // No body to read a message from: the same status as the GET, and no body.
                        assertThat(r.body()).as(r.toString()).isEmpty();
                        Endpoint get = new Endpoint("GET", e.path(), null, e.allowed());
                        assertThat(r.status()).as(r.toString()).isEqualTo(allowed ? caller.apply(get, role).status() : 403);
                        if (!allowed) assertThat(api.denials()).as("the denial is journaled").isEqualTo(denialsBefore + 1);
                    } else if (allowed) {
                        assertThat(r.status()).as(r.toString()).isNotIn(401, 403).isLessThan(500);
                    } else {
                        assertThat(r.status()).as(r.toString()).isEqualTo(403);
                        assertThat(r.errorCode()).isEqualTo("forbidden");
                        assertThat(r.json().at("/error/message").asText())
                                .startsWith("user-" + role.label() + " (" + role.label() + ") may not ");
                        assertThat(api.denials()).as("the denial is journaled").isEqualTo(denialsBefore + 1);
                    }
                }));
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> every_endpoint_refuses_callers_without_a_valid_token() {
        Map<String, String> callers = new java.util.LinkedHashMap<>();
        callers.put("no token", null);
        callers.put("a bad token", "rw_000000000000_not-a-real-token");
        callers.put("an expired token", api.expiredToken("eve", ADMIN));
        callers.put("a revoked token", api.revokedToken("mallory", ADMIN));
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            callers.forEach((who, token) -> tests.add(DynamicTest.dynamicTest(e + " with " + who + " is unauthenticated", () -> {
                int runsBefore = api.runCount(tokens.get(ADMIN));
                long denialsBefore = api.denials();
                ApiFixture.Response r = call(e, token);
                if (token == null && Access.isPage(e.path())) {
                    // A browser that has not signed in yet is shown the way, not an error.
                    assertThat(r.status()).as(r.toString()).isEqualTo(303);
                    assertThat(r.header("Location")).startsWith("/ui/sign-in");
                    assertThat(api.denials()).isEqualTo(denialsBefore);
                    return;
                }
                assertThat(r.status()).as(r.toString()).isEqualTo(401);
                if (Access.isPage(e.path()) && reads(e)) assertThat(r.contentType()).startsWith("text/html");
                else if (e.method().equals("HEAD")) assertThat(r.contentType()).startsWith("application/json");
                else assertThat(r.errorCode()).isEqualTo("unauthenticated");
                if (e.method().equals("HEAD")) assertThat(r.body()).isEmpty();
                assertThat(api.runCount(tokens.get(ADMIN))).isEqualTo(runsBefore);
                assertThat(api.denials()).as("the failed sign-in is journaled").isEqualTo(denialsBefore + 1);
            })));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> every_unsafe_endpoint_refuses_a_session_without_its_csrf_token() {
        Map<String, String> tokensSent = new java.util.LinkedHashMap<>();
        tokensSent.put("csrf_missing", null);
        tokensSent.put("csrf_invalid", "rw_c_not-this-sessions-token");
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint e : ENDPOINTS) {
            if (reads(e)) continue;
            tokensSent.forEach((code, csrf) -> tests.add(DynamicTest.dynamicTest(e + " signed in is refused with " + code, () -> {
                ApiFixture.Session admin = sessions.get(ADMIN);
                int runsBefore = api.runCount(tokens.get(ADMIN));
                String runBefore = api.run(runId, tokens.get(ADMIN)).path("status").asText();
                long denialsBefore = api.denials();

                ApiFixture.Response r = api.send(e.method(), e.path().replace("{id}", runId), admin, csrf, e.body());

                assertThat(r.status()).as(r.toString()).isEqualTo(403);
                assertThat(r.errorCode()).isEqualTo(code);
                assertThat(r.json().at("/error/message").asText()).isEqualTo(code.equals("csrf_missing")
                        ? "this request needs the session's CSRF token (header X-CSRF-Token or form field _csrf)"
                        : "the CSRF token does not belong to this session");
                assertThat(api.denials()).as("the refusal is journaled").isEqualTo(denialsBefore + 1);
                assertThat(api.runCount(tokens.get(ADMIN))).isEqualTo(runsBefore);
                assertThat(api.run(runId, tokens.get(ADMIN)).path("status").asText()).isEqualTo(runBefore);
                assertThat(api.send("GET", "/api/runs", admin, null, null).status()).as("the session lives on").isEqualTo(200);
            })));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> a_method_a_path_has_no_route_for_is_405_with_the_methods_it_answers() {
        Map<String, java.util.SortedSet<String>> answers = new java.util.LinkedHashMap<>();
        for (Endpoint e : ENDPOINTS) answers.computeIfAbsent(e.path(), p -> new java.util.TreeSet<>()).add(e.method());
        answers.put("/health", new java.util.TreeSet<>(Set.of("GET", "HEAD")));
        answers.put("/ui/sign-in", new java.util.TreeSet<>(Set.of("GET", "HEAD", "POST")));
        List<DynamicTest> tests = new ArrayList<>();
        answers.forEach((path, methods) -> {
            for (String method : List.of("OPTIONS", "PUT", "DELETE", "PATCH")) {
                if (methods.contains(method)) continue;
                tests.add(DynamicTest.dynamicTest(method + " " + path + " is 405", () -> {
                    long denialsBefore = api.denials();
                    String concrete = path.replace("{id}", runId);

                    ApiFixture.Response r = api.send(method, concrete, tokens.get(ADMIN), null);

                    String allow = String.join(", ", methods);
                    assertThat(r.status()).as(r.toString()).isEqualTo(405);
                    assertThat(r.header("Allow")).isEqualTo(allow);
                    assertThat(r.errorCode()).isEqualTo("method_not_allowed");
                    assertThat(r.json().at("/error/message").asText()).isEqualTo(method + " is not allowed on " + concrete + "; it answers " + allow);
                    assertThat(api.denials()).isEqualTo(denialsBefore);
                }));
            }
        });
        return tests;
    }

    @Test
    void the_matrix_covers_every_route_that_needs_a_sign_in() {
        List<String> routes = api.server.registeredRoutes().stream()
                .filter(r -> r.roles().stream().noneMatch(x -> x instanceof Allowed a && a.open()))
                .map(r -> r.method() + " " + r.path()).toList();

        assertThat(ENDPOINTS.stream().map(Endpoint::toString).toList()).containsExactlyInAnyOrderElementsOf(routes);
    }

    @Test
    void a_malformed_authorization_header_is_unauthenticated() {
        ApiFixture.Response r = api.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + api.server.port() + "/api/runs")).header("Authorization", "Basic abc").GET());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/error/message").asText()).isEqualTo("the Authorization header must be \"Bearer TOKEN\"");
    }

    @Test
    void expired_and_revoked_tokens_say_why() {
        String expired = api.expiredToken("eve", ADMIN);
        String revoked = api.revokedToken("mallory", ADMIN);
        assertThat(api.get("/api/runs", expired).json().at("/error/message").asText()).matches("API token [0-9a-f]{12} expired at .*");
        assertThat(api.get("/api/runs", revoked).json().at("/error/message").asText()).matches("API token [0-9a-f]{12} was revoked");
    }

    @Test
    void health_and_the_api_description_need_no_token() {
        assertThat(api.get("/health", null).body()).isEqualTo("{\"status\":\"ok\"}");
        ApiFixture.Response openapi = api.get("/openapi.yaml", null);
        assertThat(openapi.status()).isEqualTo(200);
        assertThat(openapi.body()).startsWith("openapi: 3.0.3");
    }

    @Test
    void a_forbidden_action_on_a_run_is_journaled_on_that_run() {
        ApiFixture.Response r = api.post("/api/runs/" + runId + "/approve", tokens.get(VIEWER), "{}");

        assertThat(r.status()).isEqualTo(403);
        assertThat(api.get("/api/runs/" + runId + "/report", tokens.get(ADMIN)).body())
                .contains("user-viewer (viewer) may not approve: it needs one of the roles approver, release-manager, admin");
    }
}
