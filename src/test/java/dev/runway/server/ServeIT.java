package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runway.fixtures.TestRunbooks;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runway serve} as users start it: the real jar in a child JVM, tokens made with
 * {@code runway token create}, a run started and approved over HTTP, then SIGTERM.
 */
class ServeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVING = Pattern.compile("runway: serving on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir Path dir;
    Process server;
    final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void killServer() {
        if (server != null && server.isAlive()) server.destroyForcibly();
    }

    private ProcessBuilder runway(String... args) {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "--enable-native-access=ALL-UNNAMED", "-jar", Path.of(System.getProperty("runway.jar", "target/runway.jar")).toString(),
                "--home", dir.resolve("home").toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("RUNWAY_HOME");
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        return pb;
    }

    private String call(String... args) throws Exception {
        Path out = Files.createTempFile(dir, "out", ".txt");
        Path err = Files.createTempFile(dir, "err", ".txt");
        Process p = runway(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("runway " + String.join(" ", args)).isTrue();
        assertThat(p.exitValue()).as("runway %s\n%s", String.join(" ", args), Files.readString(err)).isZero();
        return Files.readString(out);
    }

    private JsonNode request(int port, String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token);
        b = body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isBetween(200, 201);
        return JSON.readTree(r.body());
    }

    @Test
    void serve_needs_a_runbooks_directory_and_a_valid_port() throws Exception {
        Path err = dir.resolve("usage.err");
        Process p = runway("serve", "--port", "0").redirectError(err.toFile()).redirectOutput(dir.resolve("usage.out").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(err).strip())
                .isEqualTo("runway: serve needs --runbooks DIR (or RUNWAY_RUNBOOKS): runbooks are started only from there");

        Process badPort = runway("serve", "--port", "70000", "--runbooks", dir.toString())
                .redirectError(err.toFile()).redirectOutput(dir.resolve("usage.out").toFile()).start();
        assertThat(badPort.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(badPort.exitValue()).isEqualTo(2);
        assertThat(Files.readString(err).strip()).isEqualTo("runway: port 70000 is not between 0 and 65535");
    }

    @Test
    void a_run_started_and_approved_over_http_succeeds_and_sigterm_leaves_runs_intact() throws Exception {
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(runbooks.resolve("gated.md"), TestRunbooks.gatedRelease(1));
        Files.writeString(runbooks.resolve("second.md"), TestRunbooks.gatedRelease(1).replace("# Gated release", "# Second release"));
        String alice = call("token", "create", "--user", "alice", "--role", "operator").strip();
        String bob = call("token", "create", "--user", "bob", "--role", "approver", "--expires", "1d").strip();
        assertThat(call("token", "list")).contains("alice").contains("bob").doesNotContain(alice).doesNotContain(bob);

        Path out = dir.resolve("serve.out");
        Path err = dir.resolve("serve.err");
        server = runway("serve", "--port", "0", "--runbooks", runbooks.toString())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int[] port = new int[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Matcher m = SERVING.matcher(Files.readString(out));
            if (m.find()) port[0] = Integer.parseInt(m.group(1));
            assertThat(server.isAlive()).as("serve is running; stderr: " + Files.readString(err)).isTrue();
            return port[0] > 0;
        });

        String runId = request(port[0], "POST", "/api/runs", alice, "{\"runbook\": \"gated.md\"}").get("run").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                request(port[0], "GET", "/api/runs/" + runId, alice, null).path("awaiting").path("kind").asText().equals("gate"));
        JsonNode approved = request(port[0], "POST", "/api/runs/" + runId + "/approve", bob, "{\"comment\": \"go\"}");
        assertThat(approved.get("actor").asText()).isEqualTo("bob");
        await().atMost(Duration.ofSeconds(30)).until(() ->
                request(port[0], "GET", "/api/runs/" + runId, alice, null).get("status").asText().equals("succeeded"));

        String waiting = request(port[0], "POST", "/api/runs", alice, "{\"runbook\": \"second.md\"}").get("run").asText();
        await().atMost(Duration.ofSeconds(30)).until(() ->
                request(port[0], "GET", "/api/runs/" + waiting, alice, null).path("awaiting").path("kind").asText().equals("gate"));

        server.destroy(); // SIGTERM
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).as("serve stops on SIGTERM").isTrue();
        assertThat(Files.readString(err)).contains("runway: stopping; runs in progress stay resumable");

        JsonNode done = JSON.readTree(call("status", runId, "--json"));
        assertThat(done.get("status").asText()).isEqualTo("succeeded");
        assertThat(done.at("/steps/1/approved_by/0").asText()).isEqualTo("bob");
        assertThat(dir.resolve("runbooks/deployed.txt")).exists();
        JsonNode left = JSON.readTree(call("status", waiting, "--json"));
        assertThat(left.get("status").asText()).isEqualTo("waiting");
        assertThat(left.at("/awaiting/kind").asText()).isEqualTo("gate");
        assertThat(call("audit", "verify")).startsWith("audit chain intact");

        // The run the server left is resumable from the CLI: approved and finished there, by a
        // local identity whose roles come from users.yaml (tokens are for the server only).
        Files.writeString(dir.resolve("home/users.yaml"), "users:\n  alice: [operator]\n  bob: [approver]\n");
        call("approve", waiting, "--as", "bob");
        call("resume", waiting, "--as", "alice");
        assertThat(JSON.readTree(call("status", waiting, "--json")).get("status").asText()).isEqualTo("succeeded");
    }
}
