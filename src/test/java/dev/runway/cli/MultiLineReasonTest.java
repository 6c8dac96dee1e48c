package dev.runway.cli;

import static dev.runway.cli.RunbookBuilder.aRunbook;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runway.app.InProcessRunway;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reason that spans lines stays one event in the plain progress lines: its later lines are indented under the first. */
class MultiLineReasonTest {

    @Test
    void a_multi_line_skip_reason_continues_indented_under_its_event(@TempDir Path dir) throws Exception {
        aRunbook("Skippable").section("Deploy").withShellStep("Ship", "exit 1").writeTo(dir);
        InProcessRunway runway = new InProcessRunway(dir.resolve("home"), Clock.systemUTC());
        InProcessRunway.Result run = runway.run("run", dir.resolve("runbook.md").toString(), "--no-wait", "--json");
        assertThat(run.exit()).as(run.toString()).isEqualTo(4);
        String runId = new ObjectMapper().readTree(run.stdout()).get("run").asText();
        assertThat(runway.run("decide", runId, "skip", "--reason", "known outage\nticket OPS-12").exit()).isZero();

        InProcessRunway.Result resumed = runway.run("resume", runId);

        assertThat(resumed.exit()).as(resumed.toString()).isZero();
        assertThat(resumed.stderr()).containsPattern("\n\\d\\d:\\d\\d:\\d\\d ↷ ship skipped by \\S+: known outage\n {9}ticket OPS-12\n");
    }
}
