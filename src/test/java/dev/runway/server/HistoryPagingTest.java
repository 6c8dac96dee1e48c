package dev.runway.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runway.access.Role;
import dev.runway.engine.RunEvent.RunStarted;
import dev.runway.engine.RunSnapshot.StepOutline;
import dev.runway.store.SqliteJournalStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /api/runs} over a few hundred runs: pages come from SQL, whole and in order. */
class HistoryPagingTest {

    static final int RUNS = 300;
    static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    // Seeding is a few hundred durable commits: once for the class; only one test adds a run, to its own home.
    @TempDir static Path dir;
    static ApiFixture api;
    static String viewer;
    /** The run ids newest first, as the history must list them. */
    static List<String> expected;

    @BeforeAll
    static void setUp() {
        api = new ApiFixture(dir);
        viewer = api.token("vic", Role.VIEWER);
        expected = seed(api, RUNS);
    }

    @AfterAll
    static void tearDown() {
        api.close();
    }

    /** {@code count} runs, three a second, their ids out of insertion order so that the id breaks ties. */
    private static List<String> seed(ApiFixture api, int count) {
        record Seeded(String id, Instant at) {}
        List<Seeded> seeded = new ArrayList<>();
        try (SqliteJournalStore store = new SqliteJournalStore(api.home)) {
            for (int i = 0; i < count; i++) {
                Seeded run = new Seeded("run-%03d".formatted(i * 7 % count), T0.plusSeconds(i / 3));
                seed(store, run.id(), run.at());
                seeded.add(run);
            }
        }
        return seeded.stream().sorted(Comparator.comparing(Seeded::at).thenComparing(Seeded::id).reversed())
                .map(Seeded::id).toList();
    }

    private static void seed(SqliteJournalStore store, String runId, Instant at) {
        RunStarted started = new RunStarted("svc-" + runId, "prod", "Release " + runId, "release.md", "# Release",
                "0".repeat(64), Map.of(), List.of(), "alice", Map.of());
        store.create(runId, "lock-" + runId, "alice", started, at, List.of(new StepOutline("deploy", "shell", false)));
    }

    @Test
    void pages_by_after_are_disjoint_complete_and_newest_first() {
        List<String> seen = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = ok("/api/runs?limit=37" + (after == null ? "" : "&after=" + after));
            assertThat(page.get("runs").size()).isBetween(1, 37);
            assertThat(page.get("total").asInt()).isEqualTo(RUNS);
            assertThat(page.get("next_offset").isNull()).as("offsets are not offered while paging by run").isEqualTo(after != null);
            page.get("runs").forEach(r -> seen.add(r.get("run").asText()));
            after = page.get("next_after").isNull() ? null : page.get("next_after").asText();
            pages++;
        } while (after != null);

        assertThat(pages).isEqualTo(9);
        assertThat(new HashSet<>(seen)).hasSize(seen.size());
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void pages_by_offset_are_disjoint_complete_and_newest_first() {
        List<String> seen = new ArrayList<>();
        JsonNode page;
        int offset = 0;
        do {
            page = ok("/api/runs?limit=200&offset=" + offset);
            assertThat(page.get("offset").asInt()).isEqualTo(offset);
            page.get("runs").forEach(r -> seen.add(r.get("run").asText()));
            offset = page.get("next_offset").asInt();
        } while (!page.get("next_offset").isNull());

        assertThat(seen).isEqualTo(expected);
        assertThat(ok("/api/runs?offset=300").get("runs")).isEmpty();
        assertThat(ok("/api/runs?offset=300").get("next_after").isNull()).isTrue();
    }

    @Test
    void a_run_started_between_pages_shifts_offset_pages_but_not_after_pages(@TempDir Path own) {
        try (ApiFixture api = new ApiFixture(own)) {
            String token = api.token("vic", Role.VIEWER);
            List<String> runs = seed(api, 25);
            JsonNode first = api.get("/api/runs?limit=10", token).json();
            try (SqliteJournalStore store = new SqliteJournalStore(api.home)) {
                seed(store, "run-newest", T0.plusSeconds(3600));
            }

            JsonNode byRun = api.get("/api/runs?limit=10&after=" + first.get("next_after").asText(), token).json();
            JsonNode byOffset = api.get("/api/runs?limit=10&offset=10", token).json();

            assertThat(byRun.get("runs").get(0).get("run").asText()).isEqualTo(runs.get(10));
            assertThat(byOffset.get("runs").get(0).get("run").asText()).as("the last run of page one, again").isEqualTo(runs.get(9));
            assertThat(byRun.get("total").asInt()).isEqualTo(26);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "limit=0        | \"limit\" must be a whole number from 1 to 200",
            "limit=201      | \"limit\" must be a whole number from 1 to 200",
            "limit=abc      | \"limit\" must be a whole number from 1 to 200",
            "offset=-1      | \"offset\" must be a whole number from 0 to 2147483446",
            "offset=1.5     | \"offset\" must be a whole number from 0 to 2147483446",
            "after=run-999  | \"after\" names no run: \"run-999\"",
            "after=run-001&offset=0 | page by \"offset\" or by \"after\", not both",
    })
    void bad_page_parameters_are_a_400_with_a_stable_code(String query, String message) {
        ApiFixture.Response r = api.get("/api/runs?" + query, viewer);

        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.errorCode()).isEqualTo("invalid_request");
        assertThat(r.json().path("error").path("message").asText()).isEqualTo(message);
    }

    private static JsonNode ok(String path) {
        ApiFixture.Response r = api.get(path, viewer);
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        return r.json();
    }
}
