package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HappyPathIT {

    @TempDir Path dir;

    @Test
    void a_four_step_runbook_succeeds_and_leaves_a_complete_verifiable_record() {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        aRunbook("Happy release")
                .section("Build")
                .withShellStep("Compile", "echo compiled")
                .step("Test").shell("echo \"tests passed (3/3)\"").expectedOutput("tests passed (N/N)")
                .section("Deploy")
                .withShellStep("Ship", "echo shipped")
                .task("Disk is there: `test -d .`")
                .writeTo(dir);

        RunwayProcess.Result run = runway.run("run", "runbook.md", "--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        String runId = run.runId();
        assertThat(run.json().get("status").asText()).isEqualTo("succeeded");

        JsonNode status = runway.run("status", runId, "--json").json();
        assertThat(status.get("status").asText()).isEqualTo("succeeded");
        assertThat(status.get("reason").asText()).isEqualTo("all steps completed");
        assertThat(status.get("steps").findValuesAsText("id")).containsExactly("compile", "test", "ship-1", "ship-2");
        assertThat(status.get("steps").findValuesAsText("status")).containsOnly("succeeded");

        RunwayProcess.Result report = runway.run("report", runId);
        assertThat(report.exit()).isZero();
        assertThat(report.stdout())
                .contains("| Status | **succeeded** — all steps completed |")
                .contains("- [x] Disk is there: `test -d .`")
                .contains("✅ **succeeded** `compile`")
                .contains("✅ **succeeded** `test`")
                .contains("exit 0, expected output matched")
                .contains("✅ **succeeded** `ship-1`")
                .contains("✅ **succeeded** `ship-2`")
                .doesNotContain("- [ ]");

        JsonNode history = runway.run("history", "--json").json();
        assertThat(history.size()).isEqualTo(1);
        assertThat(history.get(0).get("run").asText()).isEqualTo(runId);
        assertThat(history.get(0).get("status").asText()).isEqualTo("succeeded");
        assertThat(history.get(0).get("runbook").asText()).isEqualTo("Happy release");

        RunwayProcess.Result audit = runway.run("audit", "verify");
        assertThat(audit.exit()).as(audit.toString()).isZero();
        assertThat(audit.stdout().strip()).matches(java.util.regex.Pattern.quote("audit chain intact: 10 entries verified in " + runway.home()
                + "\nread model matches the journal\nhead 10:") + "[0-9a-f]{64}");
    }

    @Test
    void the_html_report_is_one_escaped_page_with_a_timeline() {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        aRunbook("Hostile <script>alert(1)</script>").section("Go")
                .withShellStep("Print", "echo '<script>alert(2)</script>'")
                .writeTo(dir);
        String runId = runway.run("run", "runbook.md", "--json").runId();

        RunwayProcess.Result report = runway.run("report", runId, "--format", "html");

        assertThat(report.exit()).as(report.toString()).isZero();
        assertThat(report.stdout()).startsWith("<!doctype html>\n").endsWith("</html>\n")
                .contains("<h2>Timeline</h2>").contains("<code>print</code> Print</td><td>succeeded</td>")
                .contains("Hostile &lt;script&gt;alert(1)&lt;/script&gt;").contains("&lt;script&gt;alert(2)&lt;/script&gt;")
                .doesNotContainIgnoringCase("<script");
    }

    @Test
    void logs_for_one_step_print_only_that_steps_attempts_and_an_unknown_step_is_refused() {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        aRunbook("Logs")
                .section("Work")
                .withShellStep("First", "echo from-first")
                .withShellStep("Second", "echo from-second; echo line-two")
                .writeTo(dir);
        String runId = runway.run("run", "runbook.md", "--json").runId();

        RunwayProcess.Result second = runway.run("logs", runId, "--step", "second");
        assertThat(second.exit()).isZero();
        String started = "started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ";
        assertThat(second.stdout()).matches("── attempt 1 · " + started + " · succeeded: exit 0 ──\nfrom-second\nline-two\n");

        RunwayProcess.Result all = runway.run("logs", runId);
        assertThat(all.stdout()).matches("── first · attempt 1 · " + started + " · succeeded: exit 0 ──\nfrom-first\n"
                + "── second · attempt 1 · " + started + " · succeeded: exit 0 ──\nfrom-second\nline-two\n");

        RunwayProcess.Result unknown = runway.run("logs", runId, "--step", "third");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.stderr().strip()).isEqualTo("runway: run " + runId + " has no step \"third\"");
    }

    @Test
    void logs_follow_a_running_attempt_and_close_it_with_its_outcome_when_it_ends() throws Exception {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        aRunbook("Follow")
                .section("Work")
                .withShellStep("Slow", "echo waiting; while [ ! -f go ]; do sleep 0.05; done; echo done")
                .writeTo(dir);
        RunwayProcess.Background run = runway.start("run", "runbook.md");
        await().atMost(Duration.ofSeconds(30)).until(() -> runway.run("history", "--json").stdout().contains("\"run\""));
        String runId = runway.newestRun();
        RunwayProcess.Background follow = runway.start("logs", runId, "--step", "slow", "--follow");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> follow.stdoutSoFar().contains("waiting\n"));
            java.nio.file.Files.writeString(dir.resolve("go"), "");
            assertThat(run.await(Duration.ofSeconds(30)).exit()).isZero();

            RunwayProcess.Result followed = follow.await(Duration.ofSeconds(30));
            assertThat(followed.exit()).as(followed.toString()).isZero();
            assertThat(followed.stdout()).matches("── attempt 1 · started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ · running ──\n"
                    + "waiting\ndone\n── attempt 1 · succeeded: exit 0 ──\n");
        } finally {
            follow.kill();
            run.kill();
        }
    }
}
