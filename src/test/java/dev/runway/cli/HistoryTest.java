package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runway.app.InProcessRunway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway history}: how each run ended, and the end of the list told from an empty home. */
class HistoryTest {

    static final String AT = "2026-12-03T15:13:22.517Z";

    @TempDir Path dir;
    InProcessRunway runway;

    /** A run that succeeded, then one that waits for a person. */
    @BeforeEach
    void twoRuns() throws Exception {
        runway = new InProcessRunway(dir.resolve("home"), Clock.fixed(Instant.parse(AT), ZoneOffset.UTC));
        Files.createDirectories(dir.resolve("done"));
        aRunbook("Done").section("Ship").withShellStep("Echo", "echo shipped").writeTo(dir.resolve("done"));
        assertThat(runway.run("run", dir.resolve("done/runbook.md").toString(), "--as", "alice").exit()).isZero();
        Files.createDirectories(dir.resolve("waiting"));
        aRunbook("Waiting").section("Tell").task("Tell the support team").writeTo(dir.resolve("waiting"));
        assertThat(runway.run("run", dir.resolve("waiting/runbook.md").toString(), "--as", "alice", "--no-wait").exit()).isEqualTo(4);
    }

    private JsonNode history() throws Exception {
        InProcessRunway.Result history = runway.run("history", "--json");
        assertThat(history.exit()).as(history.toString()).isZero();
        return new ObjectMapper().readTree(history.stdout());
    }

    @Test
    void history_json_gives_when_and_why_each_run_ended_and_null_for_one_still_going() throws Exception {
        JsonNode done = null;
        JsonNode waiting = null;
        for (JsonNode row : history()) {
            if (row.get("runbook").asText().equals("Done")) done = row;
            else waiting = row;
        }

        assertThat(done.get("finished_at").asText()).isEqualTo(AT);
        assertThat(done.get("reason").asText()).isEqualTo("all steps completed");
        assertThat(waiting.get("status").asText()).isEqualTo("waiting");
        assertThat(waiting.has("finished_at") && waiting.get("finished_at").isNull()).as("finished_at is there, null").isTrue();
        assertThat(waiting.has("reason") && waiting.get("reason").isNull()).as("reason is there, null").isTrue();
    }

    @Test
    void history_after_the_oldest_run_says_there_are_no_runs_after_it_not_that_the_home_has_none() throws Exception {
        JsonNode rows = history();
        String oldest = rows.get(rows.size() - 1).get("run").asText();

        InProcessRunway.Result after = runway.run("history", "--after", oldest);

        assertThat(after.exit()).as(after.toString()).isZero();
        assertThat(after.stdout()).isEqualTo("no runs after " + oldest + " in " + dir.resolve("home") + "\n");
    }
}
