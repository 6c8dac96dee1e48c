package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile variable values, secrets, runaway steps and floods of output. */
class SafetyIT {

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"1.0; touch PWNED", "$(touch PWNED2)", "`touch PWNED3`"})
    void a_hostile_variable_value_is_printed_literally_and_never_executed(String value) throws IOException {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        aRunbook("Injection")
                .front("vars:")
                .front("  v: { required: true }")
                .section("Echo")
                .withShellStep("Bare", "echo {v}")
                .withShellStep("Double", "echo \"{v}\"")
                .withShellStep("Single", "echo '{v}'")
                .writeTo(dir);

        RunwayProcess.Result run = runway.run("run", "runbook.md", "--var", "v=" + value, "--no-wait", "--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        for (String step : List.of("bare", "double", "single")) {
            assertThat(runway.run("logs", run.runId(), "--step", step).stdout()).as(step)
                    .endsWith(" · succeeded: exit 0 ──\n" + value + "\n");
        }
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("PWNED"))).isEmpty();
        }
    }

    @Test
    void a_secret_value_is_masked_everywhere_and_never_stored() throws IOException {
        String secret = "s3cr3t-value-123";
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir).withEnv("DEPLOY_TOKEN", secret);
        aRunbook("Secretive")
                .front("secrets: [DEPLOY_TOKEN]")
                .section("Deploy")
                .withShellStep("Use token", """
                        echo "token is $DEPLOY_TOKEN"
                        echo "again: {DEPLOY_TOKEN}"
                        echo "failing with $DEPLOY_TOKEN" >&2
                        exit 1""")
                .writeTo(dir);

        RunwayProcess.Result run = runway.run("run", "runbook.md", "--no-wait", "--json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        String runId = run.runId();
        List<RunwayProcess.Result> views = List.of(run,
                runway.run("status", runId, "--json"),
                runway.run("status", runId),
                runway.run("logs", runId),
                runway.run("report", runId),
                runway.run("report", runId, "--format", "json"),
                runway.run("report", runId, "--format", "html"),
                runway.run("history", "--json"),
                runway.run("decide", runId, "abort"),
                runway.run("resume", runId));

        for (RunwayProcess.Result view : views) {
            assertThat(view.all()).doesNotContain(secret);
        }
        assertThat(runway.run("logs", runId).stdout()).matches(
                "── use-token · attempt 1 · started [-0-9]+ [:0-9]+Z · failed: exit 1 ──\ntoken is \\*\\*\\*\nagain: \\*\\*\\*\nfailing with \\*\\*\\*\n");
        assertThat(runway.run("logs", runId, "--step", "use-token", "--follow").stdout())
                .matches("── attempt 1 · started [-0-9]+ [:0-9]+Z · failed: exit 1 ──\ntoken is \\*\\*\\*\n(?s).*");
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(runway.home())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(indexOf(Files.readAllBytes(file), needle)).as("secret bytes in " + file).isEqualTo(-1);
            }
        }
    }

    @Test
    void a_missing_secret_is_refused_before_the_run_starts() {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        aRunbook("Secretive").front("secrets: [DEPLOY_TOKEN]").section("Deploy")
                .withShellStep("Use token", "echo \"$DEPLOY_TOKEN\"").writeTo(dir);

        RunwayProcess.Result run = runway.run("run", "runbook.md", "--no-wait");

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.stderr().strip()).isEqualTo("runbook.md:2:11: error: secret \"DEPLOY_TOKEN\" is not set in the environment");
        assertThat(runway.run("history", "--json").json().size()).isZero();
    }

    @Test
    void a_rollback_refused_for_a_missing_secret_changes_nothing_and_can_be_asked_again() {
        RunwayProcess withToken = new RunwayProcess(dir.resolve("home"), dir).withEnv("DEPLOY_TOKEN", "s3cr3t-value");
        aRunbook("Secretive").front("secrets: [DEPLOY_TOKEN]").section("Deploy")
                .withShellStep("Use token", "echo deployed")
                .rollback().withShellStep("Undo", "echo undone > undone.txt").writeTo(dir);
        RunwayProcess.Result run = withToken.run("run", "runbook.md", "--json");
        assertThat(run.exit()).as(run.toString()).isZero();
        String runId = run.runId();

        RunwayProcess withoutToken = new RunwayProcess(dir.resolve("home"), dir);
        RunwayProcess.Result refused = withoutToken.run("rollback", runId, "--reason", "bad release");

        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.stderr().strip())
                .isEqualTo("runway: " + dir.resolve("runbook.md") + ":2:11: error: secret \"DEPLOY_TOKEN\" is not set in the environment");
        assertThat(withoutToken.status(runId)).isEqualTo("succeeded");
        RunwayProcess.Result next = withToken.run("run", "runbook.md", "--json");
        assertThat(next.exit()).as("the target is not left locked: " + next).isZero();

        RunwayProcess.Result rollback = withToken.run("rollback", runId, "--reason", "bad release", "--json");
        assertThat(rollback.exit()).as(rollback.toString()).isEqualTo(3);
        assertThat(dir.resolve("undone.txt")).exists();
    }

    /** Runs a one-step runbook whose step times out after a second, then aborts the run. */
    private RunwayProcess.Result runTimingOut(String script) {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        aRunbook("Slow").section("Work").withShellStep("Hang", "timeout: 1s\non_failure: abort", script).writeTo(dir);
        return runway.run("run", "runbook.md", "--no-wait", "--json");
    }

    private static String survivors(String marker) throws Exception {
        Process pgrep = new ProcessBuilder("pgrep", "-f", marker).redirectErrorStream(true).start();
        String found = new String(pgrep.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return pgrep.waitFor() == 1 ? "" : found;
    }

    @Test
    void a_timed_out_step_is_killed_with_its_whole_process_tree() throws Exception {
        long started = System.nanoTime();
        RunwayProcess.Result run = runTimingOut("sleep 300.4711 & sleep 300.4711; wait");
        long seconds = (System.nanoTime() - started) / 1_000_000_000L;

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(seconds).as("seconds until the run ended").isLessThan(10);
        JsonNode hang = run.json().get("steps").get(0);
        assertThat(hang.get("status").asText()).isEqualTo("failed");
        assertThat(hang.get("detail").asText()).startsWith("timed out after 1s");
        assertThat(survivors("sleep 300.4711")).as("processes left running").isEmpty();
    }

    @Test
    void a_timed_out_step_also_stops_what_escaped_its_tree_by_a_double_fork() throws Exception {
        RunwayProcess.Result run = runTimingOut("( (sleep 300.4712) & ); sleep 300.4712");

        assertThat(run.exit()).as(run.toString()).isEqualTo(1);
        assertThat(run.json().get("steps").get(0).get("detail").asText()).startsWith("timed out after 1s; stopped ");
        assertThat(survivors("sleep 300.4712")).as("processes left running").isEmpty();
    }

    @Test
    void a_step_printing_200_megabytes_completes_with_bounded_storage() throws IOException {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        aRunbook("Loud").section("Work")
                .withShellStep("Flood", "head -c 200000000 /dev/zero | tr '\\0' 'x' | fold -w 100")
                .writeTo(dir);

        RunwayProcess.Result run = runway.run("run", "runbook.md", "--no-wait", "--json");

        assertThat(run.exit()).as("exit " + run.exit()).isZero();
        assertThat(run.stderr().length()).as("progress output size").isLessThan(5_000_000);
        long homeBytes;
        try (Stream<Path> files = Files.walk(runway.home())) {
            homeBytes = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        assertThat(homeBytes).as("bytes under the home directory").isLessThan(5_000_000);
        String logs = runway.run("logs", run.runId(), "--step", "flood").stdout();
        assertThat(logs).contains(" KiB not stored live; its end follows …]");
        assertThat(logs.length()).isLessThan(2_000_000);
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        return -1;
    }
}
