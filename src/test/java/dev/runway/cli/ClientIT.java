package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.runway.fixtures.TestRunbooks;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a client of {@code runway serve}: the real jar serving one home, and the real jar
 * again, in other processes with no home of their own, calling it with {@code --server} and
 * {@code --token}.
 */
class ClientIT {

    private static final Pattern SERVING = Pattern.compile("runway: serving on (http://127\\.0\\.0\\.1:\\d+)");
    @TempDir Path dir;
    RunwayProcess.Background server;

    @AfterEach
    void stopServer() {
        if (server != null) server.kill();
    }

    /** A status text's step lines: indented by exactly two spaces. */
    private static java.util.List<String> stepLines(String statusText) {
        return statusText.lines().filter(l -> l.matches("  \\S.*")).toList();
    }

    @Test
    void a_gated_run_started_approved_and_shown_through_the_cli_against_a_server() throws Exception {
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        Files.writeString(runbooks.resolve("gated.md"), TestRunbooks.gatedRelease(1));
        RunwayProcess host = new RunwayProcess(dir.resolve("server-home"), dir);
        RunwayProcess.Result made = host.run("token", "create", "--user", "alice", "--role", "release-manager");
        assertThat(made.exit()).as(made.toString()).isZero();
        String alice = made.stdout().strip();
        made = host.run("token", "create", "--user", "bob", "--role", "approver");
        assertThat(made.exit()).as(made.toString()).isZero();
        String bob = made.stdout().strip();

        server = host.start("serve", "--port", "0", "--runbooks", runbooks.toString());
        String[] url = new String[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            Matcher m = SERVING.matcher(server.stdoutSoFar());
            if (m.find()) url[0] = m.group(1);
            assertThat(server.isAlive()).as("serve runs; stderr: " + server.stderrSoFar()).isTrue();
            return url[0] != null;
        });

        // A client with an empty home of its own: everything it sees comes from the server.
        RunwayProcess client = new RunwayProcess(dir.resolve("client-home"), dir);
        RunwayProcess.Result started = client.run("run", "gated.md", "--server", url[0], "--token", alice, "--no-wait", "--json");
        assertThat(started.exit()).as(started.toString()).isEqualTo(ExitCodes.WAITING);
        String runId = started.runId();
        assertThat(started.json().get("status").asText()).isEqualTo("waiting");
        assertThat(started.json().at("/awaiting/kind").asText()).isEqualTo("gate");
        assertThat(started.json().get("initiator").asText()).isEqualTo("alice");

        // The initiator may not pass her own gate: the server's refusal, exit 2.
        RunwayProcess.Result own = client.run("approve", runId, "--server", url[0], "--token", alice);
        assertThat(own.exit()).as(own.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(own.stderr()).startsWith("runway: ").contains("(refused)");

        // --as makes no sense when the token says who you are.
        RunwayProcess.Result as = client.run("approve", runId, "--server", url[0], "--token", bob, "--as", "carol");
        assertThat(as.exit()).as(as.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(as.stderr().strip()).isEqualTo("runway: --as does not apply with --server: the token says who you are");

        // Server and token from the environment; the flag would win over it.
        RunwayProcess bobClient = new RunwayProcess(dir.resolve("bob-home"), dir)
                .withEnv("RUNWAY_SERVER", url[0]).withEnv("RUNWAY_TOKEN", bob);
        RunwayProcess.Result approved = bobClient.run("approve", runId, "--comment", "looks good");
        assertThat(approved.exit()).as(approved.toString()).isZero();
        assertThat(approved.stdout().strip()).isEqualTo("approved approve of run " + runId + " as bob");

        await().atMost(Duration.ofSeconds(30)).until(() -> {
            RunwayProcess.Result status = bobClient.run("status", runId, "--json");
            assertThat(status.exit()).as(status.toString()).isZero();
            return status.json().get("status").asText().equals("succeeded");
        });
        RunwayProcess.Result status = client.run("status", runId, "--json", "--server", url[0], "--token", alice);
        assertThat(status.json().at("/steps/1/approved_by/0").asText()).isEqualTo("bob");
        assertThat(dir.resolve("runbooks/deployed.txt")).exists();
        RunwayProcess.Result text = bobClient.run("status", runId);
        assertThat(text.exit()).as(text.toString()).isZero();
        assertThat(text.stdout()).contains("run " + runId + "  succeeded").contains("deploy");
        // The server's run reads line for line as the same run read from the server's own home.
        RunwayProcess.Result onHost = host.run("status", runId);
        assertThat(onHost.exit()).as(onHost.toString()).isZero();
        assertThat(stepLines(text.stdout())).isNotEmpty().containsExactlyElementsOf(stepLines(onHost.stdout()));

        RunwayProcess.Result logs = bobClient.run("logs", runId, "--step", "build");
        assertThat(logs.exit()).as(logs.toString()).isZero();
        assertThat(logs.stdout()).matches("── attempt 1 · started [-0-9]+ [:0-9]+Z · succeeded: exit 0 ──\nbuilt\n");

        // A runbook is named as the server knows it, never as a local path.
        RunwayProcess.Result path = client.run("run", "../runbooks/gated.md", "--server", url[0], "--token", alice);
        assertThat(path.exit()).as(path.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(path.stderr()).contains("not a path");

        // A bad token: the server's own code.
        RunwayProcess.Result bad = client.run("status", runId, "--server", url[0], "--token", "not-a-token");
        assertThat(bad.exit()).as(bad.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(bad.stderr().strip()).startsWith("runway: ").endsWith("(unauthenticated)");

        // Nothing at all of this run in the client's own home.
        RunwayProcess.Result local = client.run("history", "--json");
        assertThat(local.json().size()).isZero();
    }

    @Test
    void an_unreachable_server_is_a_failure_with_a_clear_message() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        RunwayProcess client = new RunwayProcess(dir.resolve("home"), dir);
        RunwayProcess.Result r = client.run("status", "R1", "--server", "http://127.0.0.1:" + port, "--token", "t");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.FAILED);
        assertThat(r.stderr().strip()).isEqualTo("runway: cannot reach the server at http://127.0.0.1:" + port + " (connection refused)");

        RunwayProcess.Result noToken = client.run("status", "R1", "--server", "http://127.0.0.1:" + port);
        assertThat(noToken.exit()).as(noToken.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(noToken.stderr()).contains("--token");

        RunwayProcess.Result localOnly = client.run("history", "--server", "http://127.0.0.1:" + port, "--token", "t");
        assertThat(localOnly.exit()).as(localOnly.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(localOnly.stderr().strip()).isEqualTo("runway: runway history works on the local store only; drop --server");
    }
}
