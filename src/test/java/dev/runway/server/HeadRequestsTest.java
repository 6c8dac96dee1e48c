package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runway.access.Role;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * HEAD through the real server, as load balancers probe it: the GET's status and headers without
 * its body, under the GET's access rules. Methods a path does not answer get the API's JSON errors.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadRequestsTest {

    ApiFixture api;
    String viewer;
    String waitingRun;

    @BeforeAll
    void setUp(@TempDir Path dir) {
        api = new ApiFixture(dir).withGatedRunbook(1);
        viewer = api.token("vic", Role.VIEWER);
        String alice = api.token("alice", Role.OPERATOR);
        waitingRun = api.startRun("gated.md", alice);
        await().atMost(Duration.ofSeconds(20)).until(() -> api.run(waitingRun, alice).path("status").asText().equals("waiting"));
    }

    @AfterAll
    void tearDown() {
        api.close();
    }

    private ApiFixture.Response head(String path, String token) {
        return api.send("HEAD", path, token, null);
    }

    private void assertHeadIsGetWithoutBody(String path, String token) {
        ApiFixture.Response get = api.get(path, token);
        ApiFixture.Response head = head(path, token);

        assertThat(head.status()).as("HEAD " + path).isEqualTo(get.status());
        assertThat(head.body()).as("HEAD " + path).isEmpty();
        assertThat(head.contentType()).isEqualTo(get.contentType());
        if (head.header("Content-Length") != null) {
            assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length));
        }
    }

    @Test
    void head_on_health_is_200_like_get_without_a_body() {
        assertThat(head("/health", null).status()).isEqualTo(200);
        assertHeadIsGetWithoutBody("/health", null);
    }

    @Test
    void head_on_the_api_description_is_200_like_get_without_a_body() {
        assertThat(head("/openapi.yaml", null).status()).isEqualTo(200);
        assertHeadIsGetWithoutBody("/openapi.yaml", null);
    }

    @Test
    void head_on_the_sign_in_page_is_200_html_without_a_body() {
        ApiFixture.Response r = head("/ui/sign-in", null);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("text/html;charset=utf-8");
        assertHeadIsGetWithoutBody("/ui/sign-in", null);
    }

    @Test
    void head_on_the_run_list_with_a_token_is_200_like_get() {
        assertThat(head("/api/runs", viewer).status()).isEqualTo(200);
        assertThat(head("/api/runs/" + waitingRun, viewer).status()).isEqualTo(200);
        assertThat(head("/api/runs/no-such-run", viewer).status()).isEqualTo(404);
    }

    @Test
    void head_on_the_run_list_without_a_token_is_401_and_journaled_like_get() {
        long before = api.denials();

        ApiFixture.Response r = head("/api/runs", null);

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.body()).isEmpty();
        assertThat(r.contentType()).isEqualTo("application/json");
        assertThat(api.denials()).isEqualTo(before + 1);
        assertThat(api.deniedActions().getLast()).contains("\"action\":\"sign-in for list runs\"")
                .contains("no API token (send Authorization: Bearer TOKEN)");
    }

    @Test
    void head_on_a_page_without_a_session_is_sent_to_sign_in_like_get() {
        ApiFixture.Response r = head("/ui/history", null);

        assertThat(r.status()).isEqualTo(303);
        assertThat(r.header("Location")).isEqualTo("/ui/sign-in?next=%2Fui%2Fhistory");
    }

    @Test
    void head_on_the_event_stream_of_a_waiting_run_answers_at_once_without_following_it() {
        ApiFixture.Response r = api.send(HttpRequest.newBuilder(URI.create(api.url("/api/runs/" + waitingRun + "/events")))
                .header("Authorization", "Bearer " + viewer).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(5)).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("text/event-stream");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void head_on_a_route_added_around_the_table_is_denied_not_a_server_error() {
        api.server.javalin().unsafe.internalRouter.addHttpEndpoint(
                new io.javalin.router.Endpoint(io.javalin.http.HandlerType.GET, "/api/around", ctx -> ctx.result("leaked")));
        String admin = api.token("root", Role.ADMIN);

        assertThat(head("/api/around", admin).status()).isEqualTo(403);
        assertThat(head("/api/around", null).status()).isEqualTo(401);
    }

    @Test
    void a_method_no_route_answers_on_a_known_path_is_405_with_allow() {
        ApiFixture.Response r = api.send("PUT", "/api/runs", viewer, "{}");

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET, HEAD, POST");
        assertThat(r.body()).isEqualTo("{\"error\":{\"code\":\"method_not_allowed\","
                + "\"message\":\"PUT is not allowed on /api/runs; it answers GET, HEAD, POST\"}}");
    }

    @Test
    void options_on_health_is_405_with_allow() {
        ApiFixture.Response r = api.send("OPTIONS", "/health", null, null);

        assertThat(r.status()).isEqualTo(405);
        assertThat(r.header("Allow")).isEqualTo("GET, HEAD");
        assertThat(r.errorCode()).isEqualTo("method_not_allowed");
    }

    @Test
    void any_method_on_a_path_without_routes_is_a_json_404() {
        for (String method : java.util.List.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE")) {
            ApiFixture.Response r = api.send(method, "/no/such/path", viewer, null);

            assertThat(r.status()).as(method).isEqualTo(404);
            assertThat(r.contentType()).as(method).isEqualTo("application/json");
            if (!method.equals("HEAD")) {
                assertThat(r.body()).isEqualTo("{\"error\":{\"code\":\"not_found\",\"message\":\"Endpoint " + method
                        + " /no/such/path not found\"}}");
            }
        }
    }
}
