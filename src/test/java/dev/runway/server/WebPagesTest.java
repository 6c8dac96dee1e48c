package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runway.access.Role;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The web UI's pages as a browser receives them: who sees which buttons, escaping, assets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebPagesTest {

    private static final String PASSWORD = "pages password";
    private static final Pattern RUN_DATA = Pattern.compile("data-run=\"([^\"]*)\"");

    ApiFixture api;
    ApiFixture.Session alice;
    ApiFixture.Session bob;
    ApiFixture.Session vic;
    ApiFixture.Session bot;
    String runId;

    @BeforeAll
    void setUp(@TempDir Path dir) {
        api = new ApiFixture(dir).withGatedRunbook(1)
                .withRunbook("hostile.md", """
                        ---
                        vars:
                          version: { required: true, description: "the <b>release</b>" }
                        ---
                        # Hostile <script>alert(1)</script>

                        Some <img src=x onerror=alert(2)> text and [a link](javascript:alert(3)).

                        ## Go

                        ### Go

                        ```bash
                        echo go
                        ```
                        """)
                .withUser("alice", PASSWORD, Role.RELEASE_MANAGER)
                .withUser("bob", PASSWORD, Role.APPROVER)
                .withUser("vic", PASSWORD, Role.VIEWER)
                .withUser("bot", PASSWORD, Role.AGENT);
        alice = api.signIn("alice", PASSWORD);
        bob = api.signIn("bob", PASSWORD);
        vic = api.signIn("vic", PASSWORD);
        bot = api.signIn("bot", PASSWORD);
        ApiFixture.Response started = api.send("POST", "/api/runs", alice, alice.csrf(), "{\"runbook\": \"gated.md\"}");
        assertThat(started.status()).as(started.toString()).isEqualTo(201);
        runId = started.json().get("run").asText();
        org.awaitility.Awaitility.await().until(() ->
                api.send("GET", "/api/runs/" + runId, alice, null, null).json().path("awaiting").path("kind").asText().equals("gate"));
    }

    @AfterAll
    void tearDown() {
        api.close();
    }

    private JsonNode runData(ApiFixture.Session who) throws Exception {
        ApiFixture.Response page = api.send("GET", "/ui/runs/" + runId, who, null, null);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        Matcher m = RUN_DATA.matcher(page.body());
        assertThat(m.find()).isTrue();
        String json = m.group(1).replace("&#34;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        return new ObjectMapper().readTree(json);
    }

    @Test
    void a_browser_without_a_session_is_sent_to_sign_in_and_back() {
        ApiFixture.Response home = api.get("/", null);
        ApiFixture.Response run = api.get("/ui/runs/" + runId + "?tab=steps", null);

        assertThat(home.status()).isEqualTo(303);
        assertThat(home.header("Location")).isEqualTo("/ui/sign-in");
        assertThat(run.header("Location")).isEqualTo("/ui/sign-in?next=%2Fui%2Fruns%2F" + runId + "%3Ftab%3Dsteps");
    }

    @Test
    void the_start_form_is_offered_only_to_those_who_may_start_runs() {
        String forAlice = api.send("GET", "/", alice, null, null).body();
        String forVic = api.send("GET", "/", vic, null, null).body();

        assertThat(forAlice).contains("<form id=\"start-form\"").contains("<option value=\"gated.md\">Gated release — gated.md</option>")
                .contains("<a href=\"/ui/runs/" + runId + "\">" + runId + "</a>");
        assertThat(forVic).doesNotContain("start-form").contains("<a href=\"/ui/runs/" + runId + "\">");
    }

    @Test
    void the_initiator_is_not_offered_to_approve_her_own_gate_and_an_approver_is() throws Exception {
        JsonNode forAlice = runData(alice);
        JsonNode forBob = runData(bob);

        assertThat(forAlice.at("/gates/approve/approve").asBoolean()).isFalse();
        assertThat(forAlice.at("/gates/approve/why_not").asText())
                .isEqualTo("alice started this run and gate \"production\" needs someone else to approve (four eyes)");
        assertThat(forAlice.at("/gates/approve/reject").asBoolean()).as("she may withdraw her release").isTrue();
        assertThat(forBob.at("/gates/approve/approve").asBoolean()).isTrue();
        assertThat(forBob.at("/may/rollback").asBoolean()).isFalse();
        assertThat(forBob.at("/run/status").asText()).isEqualTo("waiting");
    }

    @Test
    void an_agent_is_never_offered_approve_skip_or_rollback() throws Exception {
        JsonNode may = runData(bot).get("may");

        assertThat(may.get("approve").asBoolean()).isFalse();
        assertThat(may.get("skip").asBoolean()).isFalse();
        assertThat(may.get("rollback").asBoolean()).isFalse();
        assertThat(may.get("decide").asBoolean()).as("it may retry or abort").isTrue();
        assertThat(runData(bot).at("/gates/approve/approve").asBoolean()).isFalse();
    }

    @Test
    void a_viewer_is_offered_no_action() throws Exception {
        JsonNode may = runData(vic).get("may");

        may.fields().forEachRemaining(e -> assertThat(e.getValue().asBoolean()).as(e.getKey()).isFalse());
    }

    @Test
    void runbook_text_is_escaped_in_the_start_form_and_the_report() {
        String home = api.send("GET", "/", alice, null, null).body();
        assertThat(home).contains("the &lt;b&gt;release&lt;/b&gt;").doesNotContain("<b>release");

        ApiFixture.Response started = api.send("POST", "/api/runs", alice, alice.csrf(), "{\"runbook\": \"hostile.md\", \"vars\": {\"version\": \"<i>1</i>\"}}");
        String hostile = started.json().get("run").asText();
        org.awaitility.Awaitility.await().until(() -> api.send("GET", "/api/runs/" + hostile, alice, null, null).json().get("status").asText().equals("succeeded"));

        ApiFixture.Response report = api.send("GET", "/ui/runs/" + hostile + "/report", vic, null, null);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains("&lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;img src=x onerror=alert(2)&gt;")
                .doesNotContain("<script>alert").doesNotContain("<img src=x").doesNotContain("javascript:alert");
        assertThat(report.header("Content-Security-Policy")).startsWith("default-src 'self'; script-src 'self';");
        // The timeline draws its bars as SVG geometry: the page's policy allows no inline style.
        assertThat(report.body()).contains("<h2>Timeline</h2>").contains("<rect x=\"").doesNotContain("style=\"");
        assertThat(api.send("GET", "/ui/runs/" + hostile, vic, null, null).body()).doesNotContain("<script>alert").doesNotContain("<i>1</i>");
    }

    @Test
    void pages_of_the_runs_list_and_history_are_served() {
        assertThat(api.send("GET", "/ui/history", vic, null, null).body()).contains("<h1 id=\"runs-heading\">History</h1>")
                .contains("<span class=\"badge waiting\">waiting</span>");
        assertThat(api.send("GET", "/?offset=100", vic, null, null).body()).contains("No runs yet.").contains("rel=\"prev\" href=\"/?offset=75\"");
    }

    @Test
    void an_unknown_run_is_a_not_found_page() {
        ApiFixture.Response r = api.send("GET", "/ui/runs/nope", vic, null, null);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.contentType()).startsWith("text/html");
        assertThat(r.body()).contains("<h1>Not found</h1>").contains("no run nope");
    }

    @Test
    void assets_come_from_the_jar_with_long_cache_headers() {
        ApiFixture.Response htmx = api.get("/assets/htmx.min.js", null);
        ApiFixture.Response chart = api.get("/assets/chart.umd.min.js", null);

        assertThat(htmx.status()).isEqualTo(200);
        assertThat(htmx.header("Cache-Control")).isEqualTo("public, max-age=31536000, immutable");
        assertThat(htmx.contentType()).isEqualTo("text/javascript; charset=utf-8");
        assertThat(htmx.body()).contains("htmx");
        assertThat(chart.body()).contains("Chart");
        assertThat(api.get("/assets/runway.css", null).contentType()).isEqualTo("text/css; charset=utf-8");
        assertThat(api.get("/assets/..%2Fopenapi.yaml", null).status()).isEqualTo(404);
        assertThat(api.send("GET", "/", vic, null, null).body()).containsPattern("src=\"/assets/htmx.min.js\\?v=[0-9a-f]{12}\"");
    }
}
