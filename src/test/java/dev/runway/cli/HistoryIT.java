package dev.runway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunSnapshot.StepOutline;
import dev.runway.store.SqliteJournalStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code runway history} pages from the store, newest first. */
class HistoryIT {

    @TempDir Path dir;

    @Test
    void history_pages_after_a_run() {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        try (SqliteJournalStore store = new SqliteJournalStore(runway.home())) {
            for (int i = 1; i <= 5; i++) {
                RunStarted started = new RunStarted("svc" + i, "prod", "Release " + i, "release.md", "# Release",
                        "0".repeat(64), Map.of(), List.of(), "alice", Map.of());
                store.create("run-" + i, "lock-" + i, "alice", started, Instant.parse("2030-01-01T00:00:00Z").plusSeconds(i),
                        List.of(new StepOutline("deploy", "shell", false)));
            }
        }

        List<String> pages = new ArrayList<>();
        for (String after : new String[] {null, "run-3", "run-1"}) {
            RunwayProcess.Result page = after == null ? runway.run("history", "--json", "--limit", "2")
                    : runway.run("history", "--json", "--limit", "2", "--after", after);
            assertThat(page.exit()).as(page.toString()).isZero();
            List<String> ids = new ArrayList<>();
            page.json().forEach(r -> ids.add(r.get("run").asText()));
            pages.add(String.join(",", ids));
        }

        assertThat(pages).containsExactly("run-5,run-4", "run-2,run-1", "");
    }

    @Test
    void a_run_of_a_runbook_named_by_its_title_is_listed_with_the_title_its_variables_bound() throws java.io.IOException {
        RunwayProcess runway = new RunwayProcess(dir.resolve("home"), dir);
        java.nio.file.Files.writeString(dir.resolve("t.md"), "# T {project}\n\n## S\n\n```bash\necho hi\n```\n");

        RunwayProcess.Result run = runway.run("run", "t.md", "--var", "project=p", "--json");

        assertThat(run.exit()).as(run.toString()).isZero();
        var row = runway.run("history", "--json").json().get(0);
        assertThat(row.get("runbook").asText()).isEqualTo("T {project}");
        assertThat(row.get("title").asText()).isEqualTo("T p");
        assertThat(runway.run("history").stdout().lines().toList().get(1)).contains(" T p  ").doesNotContain("{project}");
    }
}
