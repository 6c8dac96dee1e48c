package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Access is denied by default: every route the router holds declares who may call it, and is documented. */
class RouteTableTest {

    @TempDir Path dir;
    ApiFixture api;

    @BeforeEach
    void setUp() {
        api = new ApiFixture(dir);
    }

    @AfterEach
    void tearDown() {
        api.close();
    }

    @Test
    void every_route_in_the_router_declares_its_allowed_roles() {
        List<RunwayServer.RegisteredRoute> routes = api.server.registeredRoutes();

        assertThat(routes).hasSizeGreaterThanOrEqualTo(14);
        List<String> undeclared = new ArrayList<>();
        for (var r : routes) {
            long declarations = r.roles().stream().filter(Allowed.class::isInstance).count();
            if (declarations != 1) undeclared.add(r.method() + " " + r.path());
        }
        assertThat(undeclared).as("routes without exactly one Allowed declaration").isEmpty();
    }

    @Test
    void only_health_the_api_description_web_assets_and_signing_in_are_public() {
        List<String> open = api.server.registeredRoutes().stream()
                .filter(r -> r.roles().stream().anyMatch(x -> x instanceof Allowed a && a.open()))
                .map(r -> r.method() + " " + r.path()).toList();

        assertThat(open).containsExactlyInAnyOrder("GET /health", "HEAD /health", "GET /openapi.yaml", "HEAD /openapi.yaml",
                "GET /assets/{name}", "HEAD /assets/{name}", "GET /ui/sign-in", "HEAD /ui/sign-in", "POST /ui/sign-in");
    }

    @Test
    void every_api_route_is_described_in_the_openapi_document() throws Exception {
        JsonNode doc;
        try (InputStream in = RunwayServer.class.getResourceAsStream("/openapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        // HEAD is described once for all: every GET answers it.
        assertThat(doc.path("info").path("description").asText()).contains("Every GET also answers HEAD");
        List<String> missing = new ArrayList<>();
        for (var r : api.server.registeredRoutes()) {
            if (Access.isPage(r.path()) || r.path().startsWith("/assets/")) continue; // the web UI, for people
            var described = r.method() == io.javalin.http.HandlerType.HEAD ? io.javalin.http.HandlerType.GET : r.method();
            JsonNode op = doc.path("paths").path(r.path()).path(described.toString().toLowerCase(Locale.ROOT));
            if (op.isMissingNode()) missing.add(r.method() + " " + r.path());
        }
        assertThat(missing).as("routes missing from openapi.yaml").isEmpty();
    }

    @Test
    void a_route_that_declares_no_roles_is_denied_even_to_an_admin() {
        api.server.javalin().unsafe.internalRouter.addHttpEndpoint(
                new io.javalin.router.Endpoint(io.javalin.http.HandlerType.GET, "/api/undeclared", ctx -> ctx.result("leaked")));
        String admin = api.token("root", dev.runway.access.Role.ADMIN);

        ApiFixture.Response r = api.get("/api/undeclared", admin);

        assertThat(r.status()).isEqualTo(403);
        assertThat(r.json().at("/error/message").asText())
                .isEqualTo("route GET /api/undeclared declares no roles; access is denied by default");
        assertThat(api.get("/api/undeclared", null).status()).isEqualTo(401);
    }
}
